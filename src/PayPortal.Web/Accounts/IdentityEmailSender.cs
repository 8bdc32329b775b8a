using Microsoft.AspNetCore.Identity.UI.Services;
using PayPortal.Infrastructure.Email;

namespace PayPortal.Web.Accounts;

/// <summary>Identity's account mails (reset password, confirm email) through our mailer.</summary>
public sealed class IdentityEmailSender(Mailer mailer) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        mailer.SendAsync(new OutgoingMail(email, subject, HtmlToText(htmlMessage), htmlMessage));

    private static string HtmlToText(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html.Replace("<a href='", "").Replace("'>", " "), "<[^>]+>", "");
}
