using System.Diagnostics;
using Npgsql;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>The operator's backup and restore of a PostgreSQL database (deploy/backup-restore.md): pg_dump's custom format, pg_restore.</summary>
public static class PostgresBackup
{
    /// <summary>Dumps the whole database (the product's tables, the hangfire schema, the key ring) to <paramref name="file"/>.</summary>
    public static Task DumpAsync(string connectionString, string file) =>
        RunAsync("pg_dump", connectionString, ["--format=custom", "--file=" + file]);

    /// <summary>Restores <paramref name="file"/> into the empty database of <paramref name="connectionString"/>.</summary>
    public static Task RestoreAsync(string file, string connectionString) =>
        RunAsync("pg_restore", connectionString, ["--no-owner", "--exit-on-error", file]);

    private static async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--host=" + target.Host, "--port=" + target.Port, "--username=" + target.Username, "--dbname=" + target.Database }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = target.Password;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed: it comes with Debian's postgresql-client (tests/postgres-up.sh installs postgresql, which brings it).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"{tool} failed (exit code {process.ExitCode}): {await output}{await errors}");
        }
    }
}
