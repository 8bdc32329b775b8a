using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using PayPortal.Infrastructure.Adapters.Email;

namespace PayPortal.Web.Accounts;

/// <summary>Identity's account mails (reset password, confirm email) through our mailer, with a plain-text part.</summary>
public sealed partial class IdentityEmailSender(Mailer mailer) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        mailer.SendAsync(new OutgoingMail(email, subject, ToText(htmlMessage), htmlMessage));

    [GeneratedRegex("""<a\s[^>]*href\s*=\s*['"]([^'"]+)['"][^>]*>(.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>Links become "text (url)" so the text part still carries them; other tags are dropped.</summary>
    internal static string ToText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(Link().Replace(html, m => $"{m.Groups[2].Value} ({m.Groups[1].Value})"), ""));
}
