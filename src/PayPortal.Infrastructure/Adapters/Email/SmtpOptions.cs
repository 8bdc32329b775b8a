using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>How the connection to the mail server is protected; <see cref="Auto"/> chooses by port.</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on 465, STARTTLS otherwise; no TLS only towards a loopback host on a port other than 587.</summary>
    Auto,
    StartTls,
    SslOnConnect,
    /// <summary>Plain text: allowed only towards a loopback host (a local relay or test server).</summary>
    None,
}

/// <summary>
/// How mail leaves PayPortal. With a <see cref="Host"/> it goes over SMTP; without one (the
/// development default) each message is written as an .eml file into <see cref="PickupDirectory"/>.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535)] public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    /// <summary>How long connecting or sending one message may take before it fails and is retried later.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
    /// <summary>How long a message that keeps failing with temporary errors is retried, from its first attempt, before it is marked failed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")] public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);
    /// <summary>
    /// The SHA-256 fingerprint (hex) of a server certificate to accept although no trusted authority signed it,
    /// e.g. an internal relay's self-signed one. Certificates that validate normally are always accepted.
    /// </summary>
    public string? ServerCertificateSha256 { get; set; }
    /// <summary>With a user name, PayPortal authenticates to the server.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    [Required, EmailAddress] public string FromAddress { get; set; } = "billing@payportal.test";
    public string FromName { get; set; } = "PayPortal Billing";
    /// <summary>Used when no host is set; defaults to mail-pickup under the data folder.</summary>
    public string? PickupDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Host) && !SmtpConnectionSecurity.TryResolve(this, out _, out var error))
            yield return new ValidationResult(error, [nameof(Security)]);
    }
}
