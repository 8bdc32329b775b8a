using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Security;

/// <summary>
/// The key ring behind sign-in cookies, antiforgery tokens and emailed links: kept in the database so every web
/// node (and the CLI, which writes invitation links) reads the same keys, and encrypted with a certificate when
/// <c>DataProtection:CertificatePath</c> names one (a PFX; <c>DataProtection:CertificatePassword</c> if it has one).
/// </summary>
public static class DataProtectionSetup
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IDataProtectionBuilder AddPayPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection()
            .SetApplicationName("PayPortal")
            .PersistKeysToDbContext<PayPortalDbContext>();
        if (LoadCertificate(configuration) is { } certificate) protection.ProtectKeysWithCertificate(certificate);
        return protection;
    }

    /// <summary>The configured certificate, or null; a path that cannot be read stops start-up with a message naming it.</summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        if (configuration[CertificatePathKey] is not { Length: > 0 } path) return null;
        if (!File.Exists(path)) throw new InvalidOperationException($"{CertificatePathKey} names '{path}', which does not exist.");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey], X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{CertificatePathKey} ('{path}') has no private key: the keys could be written but never read.");
            return certificate;
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException($"{CertificatePathKey} ('{path}') could not be read as a PFX with {CertificatePasswordKey}: {ex.Message}", ex);
        }
    }

    /// <summary>Production without a certificate still works, but its keys lie unencrypted in the database: said once at start.</summary>
    public static void WarnIfKeysUnprotected(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        if (environment.IsProduction() && configuration[CertificatePathKey] is not { Length: > 0 })
            logger.LogWarning("Data-protection keys are stored in the database unencrypted: set {CertificatePathKey} (a PFX) so a copy of the database does not give away sign-in cookies and emailed links.", CertificatePathKey);
    }
}
