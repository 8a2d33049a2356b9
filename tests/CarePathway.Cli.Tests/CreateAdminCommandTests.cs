using CarePathway.Cli.Commands;

namespace CarePathway.Cli.Tests;

/// <summary><c>carepathway create-admin</c> on a fresh SQLite database (the server tests run it on PostgreSQL and sign in with it).</summary>
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    private string Connection => $"Data Source={Path.Combine(folder.Path, "carepathway.db")}";

    private static async Task<CliResult> RunAsync(string password, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CreateAdminCommand.RunAsync(args, new StringReader(password + "\n"), output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task It_creates_the_first_administrator_on_an_empty_database_and_refuses_a_second_unless_told()
    {
        var first = await RunAsync("a long enough passphrase", "--user-name", "root", "--display-name", "Site Admin", "--database-provider", "Sqlite", "--connection", Connection);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Administrator 'root' created", first.Output, StringComparison.Ordinal);

        var second = await RunAsync("another long passphrase", "--user-name", "root2", "--connection", Connection);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("an administrator exists already (root)", second.Error, StringComparison.Ordinal);

        var additional = await RunAsync("another long passphrase", "--user-name", "root2", "--connection", Connection, "--additional");
        Assert.True(additional.ExitCode == 0, additional.Error);

        var again = await RunAsync("another long passphrase", "--user-name", "root2", "--connection", Connection, "--additional");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_password_is_refused_naming_the_rule()
    {
        var result = await RunAsync("Sh0rt!pass", "--user-name", "root", "--connection", Connection);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 12 characters", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_user_name_a_password_or_a_database_it_prints_what_is_missing()
    {
        Assert.Equal(2, (await RunAsync("a long enough passphrase", "--connection", Connection)).ExitCode);
        Assert.Equal(2, (await RunAsync("a long enough passphrase", "--user-name", "root", "--bogus")).ExitCode);
        var noPassword = await RunAsync("", "--user-name", "root", "--connection", Connection);
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Contains("no password on standard input", noPassword.Error, StringComparison.Ordinal);
        var noDatabase = await RunAsync("a long enough passphrase", "--user-name", "root");
        Assert.Equal(2, noDatabase.ExitCode);
        Assert.Contains("ConnectionStrings__CarePathway", noDatabase.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
