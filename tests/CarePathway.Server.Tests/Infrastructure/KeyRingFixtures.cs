using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CarePathway.Server.Security;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>What the key ring tests give a node: a certificate of their own, and an install directory of its own.</summary>
public sealed class KeyRingFixtures : IDisposable
{
    public const string CertificatePassword = "key-ring-test";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "carepathway-keyring-tests", Guid.NewGuid().ToString("N"));

    public KeyRingFixtures()
    {
        Directory.CreateDirectory(directory);
        CertificatePath = Path.Combine(directory, "keys.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CarePathway key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
    }

    /// <summary>A PKCS#12 file with a self-signed certificate and its private key, protected by <see cref="CertificatePassword"/>.</summary>
    public string CertificatePath { get; }

    /// <summary>
    /// A content root of its own holding the server's configuration files: a node installed in another directory (as on
    /// another machine, or a new version installed beside the old one), whose default Data Protection application name differs.
    /// </summary>
    public string NewInstallDirectory(string name)
    {
        var root = Path.Combine(directory, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Of("src", "CarePathway.Server"), "appsettings*.json"))
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        return root;
    }

    /// <summary>Settings that make a node encrypt its keys with <see cref="CertificatePath"/>.</summary>
    public CarePathwayAppFactory WithCertificate(CarePathwayAppFactory node) =>
        node.WithSetting(KeyRing.CertificatePathKey, CertificatePath).WithSetting(KeyRing.CertificatePasswordKey, CertificatePassword);

    /// <summary>Whether a stored key's XML holds its secret in the clear (Data Protection's unencrypted form has the key bytes in masterKey/value).</summary>
    public static bool HoldsPlaintextSecret(string xml) =>
        XElement.Parse(xml).Descendants("masterKey").Elements("value").Any();

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned later.
        }
    }
}
