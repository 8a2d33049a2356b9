using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CarePathway.Server.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security;

/// <summary>
/// The ASP.NET Core Data Protection key ring, which protects Identity's cookies, bearer and refresh tokens. Left at
/// its defaults it is per machine (a file under the user's home) and per install directory (the application name
/// defaults to the content root), so a token issued by one node is refused by another, and by the same node after
/// it is reinstalled elsewhere. Here every node keeps the ring in the product's database (table
/// <c>DataProtectionKeys</c>), under one application name, and the keys are encrypted at rest with a certificate
/// configured per deployment: anyone who can read the database (or a backup of it) could otherwise sign in as anyone.
/// </summary>
public static class KeyRing
{
    /// <summary>The same on every node and every version: what the protected payloads are bound to.</summary>
    public const string ApplicationName = "CarePathway";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key that encrypt the keys at rest.</summary>
    public const string CertificatePathKey = "DataProtection:CertificatePath";

    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>Outside Development, <c>true</c> lets the server start without a certificate (keys stored unencrypted, with a warning).</summary>
    public const string AllowUnprotectedKeysKey = "DataProtection:AllowUnprotectedKeys";

    private const string StartUpPurpose = "CarePathway.KeyRing.StartUp";

    /// <summary>
    /// Registers the shared key ring. Outside Development a certificate is required unless
    /// <see cref="AllowUnprotectedKeysKey"/> is <c>true</c>: the start-up fails here, naming the setting.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CarePathwayDbContext>();

        var certificatePath = configuration[CertificatePathKey];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            builder.ProtectKeysWithCertificate(LoadCertificate(certificatePath, configuration[CertificatePasswordKey]));
        }
        else if (!environment.IsDevelopment() && !configuration.GetValue<bool>(AllowUnprotectedKeysKey))
        {
            throw new InvalidOperationException(
                $"{CertificatePathKey} is not set. Outside Development the Data Protection keys, which protect sign-in " +
                $"cookies and tokens and are stored in the database, must be encrypted at rest: set {CertificatePathKey} " +
                $"to a PKCS#12 (.pfx) file with a private key (and {CertificatePasswordKey}), or set " +
                $"{AllowUnprotectedKeysKey}=true to store them unencrypted.");
        }

        return services;
    }

    /// <summary>
    /// Loads the key ring once, creating its first key if it has none. Called under the start-up lock (after the
    /// migrations, which create its table): nodes starting together on an empty database would otherwise each create
    /// a first key at the same moment and, until their caches refresh, refuse each other's tokens.
    /// </summary>
    public static void PrepareKeyRing(this IServiceProvider services, IHostEnvironment environment)
    {
        var options = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        if (options.XmlEncryptor is null && !environment.IsDevelopment())
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRing)).LogWarning(
                "{Setting} is true: the Data Protection keys that protect sign-in cookies and tokens are stored in the " +
                "database unencrypted; anyone who can read the database or a backup of it can forge a sign-in. Set {CertificatePath}.",
                AllowUnprotectedKeysKey, CertificatePathKey);
        }

        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(StartUpPurpose).Protect([0]);
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{CertificatePathKey} '{path}' could not be read as a PKCS#12 file with {CertificatePasswordKey}: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{CertificatePathKey} '{path}' has no private key: the keys could be encrypted but never read back.");
        }

        return certificate;
    }
}
