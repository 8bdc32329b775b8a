using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Email;

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>Sends mail with System.Net.Mail: over SMTP when a host is configured, else into a pickup folder.</summary>
public sealed class Mailer(IOptions<SmtpOptions> options)
{
    public string PickupDirectory => options.Value.PickupDirectory is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(DataPaths.DefaultDataDirectory, "mail-pickup");

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var o = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(o.FromAddress, o.FromName),
            Subject = mail.Subject,
            Body = mail.TextBody,
            IsBodyHtml = false,
        };
        message.To.Add(mail.To);
        if (mail.HtmlBody is not null)
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.HtmlBody, null, "text/html"));
        foreach (var file in mail.Attachments ?? [])
            message.Attachments.Add(new Attachment(new MemoryStream(file.Content), file.FileName, file.ContentType));

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            Directory.CreateDirectory(PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupDirectory;
        }
        else
        {
            client.Host = o.Host;
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            client.Timeout = o.TimeoutSeconds * 1000;
            if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        }
        await client.SendMailAsync(message, ct);
    }
}
