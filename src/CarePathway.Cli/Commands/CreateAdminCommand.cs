using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using CarePathway.Server.Security.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarePathway.Cli.Commands;

/// <summary>
/// <c>carepathway create-admin --user-name &lt;name&gt; [--display-name &lt;text&gt;] [--email &lt;address&gt;]
/// [--database-provider Sqlite|Postgres] [--connection &lt;string&gt;] [--additional]</c>: the first administrator of
/// a deployment. The password is read from standard input (one line), never from the command line, where other users
/// of the machine could read it. The database is the server's: its settings are read as the server reads them, from
/// the environment (<c>Database__Provider</c>, <c>ConnectionStrings__CarePathway</c>) unless the options say otherwise.
/// The schema is brought up to date first (as a server's start-up would, under the same lock), so it works on an empty
/// database before any server has started. It refuses when an enabled administrator exists, unless
/// <c>--additional</c>: after that, administrators make accounts in the web app.
/// </summary>
public static class CreateAdminCommand
{
    public const int Created = 0;
    public const int Refused = 1;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } options) return Usage.Print(error);

        var password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("create-admin: no password on standard input (e.g. `read -rs PASSWORD; echo \"$PASSWORD\" | carepathway create-admin ...`).");
            return Usage.BadArguments;
        }

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (options.Provider is not null) settings["Database:Provider"] = options.Provider;
        if (options.Connection is not null) settings[$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = options.Connection;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(settings);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DatabaseSettings.ConnectionStringName)))
        {
            await error.WriteLineAsync("create-admin: no database: pass --connection (and --database-provider) or set ConnectionStrings__CarePathway (and Database__Provider) as for the server.");
            return Usage.BadArguments;
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPersistence();
        builder.Services.AddAccountStore();
        builder.Services.AddScoped<FirstAdministrator>();
        using var host = builder.Build();

        try
        {
            await host.Services.WithStartupLockAsync(async () =>
            {
                await host.Services.MigrateDatabaseAsync();
                await host.Services.SeedSecurityAsync(host.Services.GetRequiredService<IHostEnvironment>());
            });

            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>()
                .CreateAsync(options.UserName, options.DisplayName ?? options.UserName, options.Email, password, options.Additional, CancellationToken.None);
            if (outcome.Problem is { } problem)
            {
                await error.WriteLineAsync($"create-admin: {problem}");
                return Refused;
            }

            await output.WriteLineAsync($"Administrator '{options.UserName}' created (id {outcome.UserId}). Sign in and create the other accounts under Accounts.");
            return Created;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"create-admin: {ex.Message}");
            return Refused;
        }
    }

    private sealed record Options(string UserName, string? DisplayName, string? Email, string? Provider, string? Connection, bool Additional);

    private static Options? Parse(IReadOnlyList<string> args)
    {
        string? userName = null, displayName = null, email = null, provider = null, connection = null;
        var additional = false;
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--user-name": userName = Value(); break;
                case "--display-name": displayName = Value(); break;
                case "--email": email = Value(); break;
                case "--database-provider": provider = Value(); break;
                case "--connection": connection = Value(); break;
                case "--additional": additional = true; break;
                default: return null;
            }
        }

        return string.IsNullOrWhiteSpace(userName) ? null : new Options(userName, displayName, email, provider, connection, additional);
    }
}
