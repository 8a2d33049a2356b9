Console.WriteLine("carepathway");
