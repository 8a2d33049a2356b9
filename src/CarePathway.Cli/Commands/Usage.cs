namespace CarePathway.Cli.Commands;

internal static class Usage
{
    /// <summary>Exit code for a command line the tool does not understand (1 is kept for "invalid").</summary>
    public const int BadArguments = 2;

    public static int Print(TextWriter error)
    {
        error.WriteLine("""
            usage:
              carepathway validate <file-or-folder>
                  Validates pathway definitions; prints one line per problem: <file>: <activity id>: <message>.
                  Exit 0 when every definition is valid, 1 otherwise.
              carepathway simulate --scenario <file> [--workflows <folder>]
                  Runs a pathway in virtual time and prints its timeline as JSON.
                  Definitions are read from --workflows (default: ./workflows, or the nearest one above).
            """);
        return BadArguments;
    }
}
