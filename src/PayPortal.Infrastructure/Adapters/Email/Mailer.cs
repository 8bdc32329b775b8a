using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Adapters.Email;

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>Sends mail with MailKit: over SMTP when a host is configured, else as .eml files into a pickup folder.</summary>
public sealed class Mailer(IOptions<SmtpOptions> options)
{
    public string PickupDirectory => options.Value.PickupDirectory is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(DataPaths.DefaultDataDirectory, "mail-pickup");

    /// <summary>A session for a batch of messages: one SMTP connection for all of them.</summary>
    public IMailSession OpenSession() => string.IsNullOrWhiteSpace(options.Value.Host)
        ? new PickupFolderMailSession(PickupDirectory, options.Value)
        : new SmtpMailSession(options.Value);

    /// <summary>Sends one message on a connection of its own.</summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        await using var session = OpenSession();
        await session.SendAsync(mail, ct);
    }
}
