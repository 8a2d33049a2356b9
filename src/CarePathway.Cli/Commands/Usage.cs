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
              carepathway import-fhir <bundle.json> --server <url> [--user <name>]
                  Sends a FHIR bundle's Patients, then its Observations, to <url>/fhir in batches; prints how many were
                  stored, were there already or were refused (each refusal with its element). Signs in as --user with
                  CAREPATHWAY_PASSWORD, or uses CAREPATHWAY_TOKEN. Exit 0 when all were accepted, 1 otherwise.
              carepathway export-definition <id> --server <url> [--user <name>] [--version N] [--out <file>]
                  Writes a pathway version from the server as a definition file (the JSON of workflows/): --version, or
                  the one the server answers for the pathway (the published one); to --out, or standard output.
                  Exit 0 written, 1 refused or not found, 2 bad arguments.
              carepathway import-definition <file> --server <url> [--user <name>]
                  Creates a new draft of the file's pathway on the server (an administrator publishes it there);
                  prints the version and whether it validates, or each field the server refused.
                  Exit 0 created, 1 refused, 2 bad arguments or an unreadable file.
              carepathway create-admin --user-name <name> [--display-name <text>] [--email <address>]
                                       [--database-provider Sqlite|Postgres] [--connection <string>] [--additional]
                  Creates an administrator; the password (at least 12 characters) is read from standard input.
                  The database is the server's (Database__Provider, ConnectionStrings__CarePathway, or the options);
                  its schema is brought up to date first. Refuses when an administrator exists, unless --additional.
                  Exit 0 created, 1 refused, 2 bad arguments.
            """);
        return BadArguments;
    }
}
