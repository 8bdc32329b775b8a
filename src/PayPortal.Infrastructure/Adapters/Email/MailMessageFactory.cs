using MimeKit;

namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>Builds the MIME message for an <see cref="OutgoingMail"/>: text (and HTML) body, attachments, header values without line breaks.</summary>
public static class MailMessageFactory
{
    public static MimeMessage Create(OutgoingMail mail, SmtpOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(SingleLine(options.FromName), SingleLine(options.FromAddress)));
        message.To.Add(MailboxAddress.Parse(SingleLine(mail.To)));
        message.Subject = SingleLine(mail.Subject);
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var file in mail.Attachments ?? [])
            body.Attachments.Add(SingleLine(file.FileName), file.Content, ContentType.Parse(SingleLine(file.ContentType)));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A header value with every CR/LF run replaced by one space, so no value can start a header of its own.</summary>
    public static string SingleLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
