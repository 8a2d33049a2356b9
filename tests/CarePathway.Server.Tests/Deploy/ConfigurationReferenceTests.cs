namespace CarePathway.Server.Tests.Deploy;

/// <summary>deploy/configuration.md lists exactly the settings the server reads: a new setting without its row, or a row left for a setting no longer read, fails.</summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Every_setting_the_server_reads_has_a_row_in_the_configuration_reference_and_every_row_is_read()
    {
        var found = ConfigurationReference.SettingsReadByTheServer();
        Assert.True(found.Unresolved.Count == 0,
            "configuration reads the scanner cannot name (teach ConfigurationReference, then document them):\n" + string.Join("\n", found.Unresolved));

        var documented = ConfigurationReference.SettingsInTheReference();
        Assert.Empty(found.Keys.Except(documented));
        Assert.Empty(documented.Except(found.Keys));
    }

    [Fact]
    public void The_scanner_finds_the_settings_of_each_kind_of_read()
    {
        var keys = ConfigurationReference.SettingsReadByTheServer().Keys;

        Assert.Contains("Database:Provider", keys); // a literal
        Assert.Contains("DataProtection:CertificatePath", keys); // a constant
        Assert.Contains("ConnectionStrings:CarePathway", keys); // a connection string
        Assert.Contains("Scheduling:InvisibilityTimeout", keys); // an options class
        Assert.Contains("Delivery:Grace", keys);
    }
}
