using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Email;

/// <summary>
/// How mail leaves PayPortal. With a <see cref="Host"/> it goes over SMTP; without one (the
/// development default) each message is written as an .eml file into <see cref="PickupDirectory"/>.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535)] public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    /// <summary>How long one send may take before it fails and is retried later.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 30;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    [Required, EmailAddress] public string FromAddress { get; set; } = "billing@payportal.test";
    public string FromName { get; set; } = "PayPortal Billing";
    /// <summary>Used when no host is set; defaults to mail-pickup under the data folder.</summary>
    public string? PickupDirectory { get; set; }
}
