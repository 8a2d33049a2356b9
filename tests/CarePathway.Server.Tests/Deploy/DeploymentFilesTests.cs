using System.Text.RegularExpressions;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Deploy;

/// <summary>
/// What can be checked of deploy/ without a container engine: the Dockerfile copies paths that exist, and every server
/// setting the deployment files set is one the configuration reference documents (so a renamed setting cannot
/// linger in a compose file, unit or environment file, silently ignored).
/// </summary>
public sealed partial class DeploymentFilesTests
{
    [Fact]
    public void Every_path_the_Dockerfile_copies_from_the_repository_exists()
    {
        var sources = CopiedPaths(File.ReadAllText(RepositoryPaths.Of("deploy", "Dockerfile"))).ToList();

        Assert.NotEmpty(sources);
        Assert.Contains("src/CarePathway.Server/CarePathway.Server.csproj", sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(RepositoryPaths.Of(source)) || Directory.Exists(RepositoryPaths.Of(source)), $"deploy/Dockerfile copies {source}, which does not exist"));
    }

    [Fact]
    public void The_Dockerfile_path_check_notices_a_path_that_does_not_exist()
    {
        var sources = CopiedPaths("FROM x AS y\nCOPY --from=web /built ./\nCOPY src/NoSuchProject/ src/NoSuchProject/\n").ToList();

        Assert.Equal(["src/NoSuchProject/"], sources);
        Assert.False(Directory.Exists(RepositoryPaths.Of(sources[0])));
    }

    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("carepathway.env.example")]
    [InlineData("Dockerfile")]
    public void Every_server_setting_a_deployment_file_sets_is_in_the_configuration_reference(string file)
    {
        var settings = SettingsSetIn(File.ReadAllText(RepositoryPaths.Of("deploy", file))).ToList();
        var documented = ConfigurationReference.NamesInTheReference();

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.True(documented.Contains(setting), $"deploy/{file} sets {setting}, which deploy/configuration.md does not document"));
    }

    [Fact]
    public void The_deployment_files_set_what_production_requires()
    {
        var compose = SettingsSetIn(File.ReadAllText(RepositoryPaths.Of("deploy", "compose.yaml"))).ToHashSet();
        var unit = SettingsSetIn(File.ReadAllText(RepositoryPaths.Of("deploy", "carepathway.env.example"))).ToHashSet();
        string[] required = ["Database:Provider", "ConnectionStrings:CarePathway", "DataProtection:CertificatePath", "DataProtection:CertificatePassword"];

        Assert.All(required, setting => Assert.Contains(setting, compose));
        Assert.All(required, setting => Assert.Contains(setting, unit));
    }

    /// <summary>The repository paths of a Dockerfile's COPY instructions (not those copied from another stage).</summary>
    private static IEnumerable<string> CopiedPaths(string dockerfile) =>
        dockerfile.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(token => !token.StartsWith("--", StringComparison.Ordinal)));

    /// <summary>Server settings a file sets as environment variables (<c>Section__Key</c>, <c>ASPNETCORE_*</c>, <c>OTEL_*</c>), with <c>__</c> read as <c>:</c>.</summary>
    private static IEnumerable<string> SettingsSetIn(string text) =>
        SettingAssignment().Matches(text).Select(m => m.Groups["name"].Value.Replace("__", ":", StringComparison.Ordinal)).Distinct();

    [GeneratedRegex(@"(?<![\w$])(?<name>(?:[A-Z][A-Za-z0-9]*(?:__[A-Za-z0-9.]+)+)|ASPNETCORE_[A-Z_]+|OTEL_[A-Z_]+)(?=[:=])", RegexOptions.Multiline)]
    private static partial Regex SettingAssignment();
}
