using CarePathway.Cli.Commands;

// carepathway validate <file-or-folder>
// carepathway simulate --scenario <file> [--workflows <folder>]
// carepathway import-fhir <bundle.json> --server <url> [--user <name>]
// carepathway export-definition <id> --server <url> [--user <name>] [--version N] [--out <file>]
// carepathway import-definition <file> --server <url> [--user <name>]
// carepathway create-admin --user-name <name> [...] (password on standard input)
return args switch
{
    ["create-admin", .. var rest] => CreateAdminCommand.RunAsync(rest, Console.In, Console.Out, Console.Error).GetAwaiter().GetResult(),
    ["validate", var target] => ValidateCommand.Run(target, Console.Out, Console.Error),
    ["simulate", .. var rest] => SimulateCommand.Run(rest, Console.Out, Console.Error),
    ["import-fhir", .. var rest] => ImportFhirCommand.Run(rest, Console.Out, Console.Error),
    ["export-definition", .. var rest] => ExportDefinitionCommand.Run(rest, Console.Out, Console.Error),
    ["import-definition", .. var rest] => ImportDefinitionCommand.Run(rest, Console.Out, Console.Error),
    _ => Usage.Print(Console.Error),
};
