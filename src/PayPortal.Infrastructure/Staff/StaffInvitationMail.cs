using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Links;

namespace PayPortal.Infrastructure.Staff;

/// <summary>
/// The email with a staff member's set-password link: an invitation token (3 days), taken only while the account
/// has no password, so the link works once.
/// </summary>
public sealed class StaffInvitationMail(UserManager<AppUser> users, Mailer mailer, IPortalUrls urls, IOptions<CompanyOptions> company)
{
    public async Task SendAsync(AppUser user, string role, string invitedBy, CancellationToken ct)
    {
        var token = await users.GenerateInvitationTokenAsync(user);
        var link = urls.AcceptInvitation(user.Id, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
        var name = company.Value.Name;
        var html = HtmlEncoder.Default;
        await mailer.SendAsync(new OutgoingMail(user.Email!, $"Your {name} PayPortal back-office account",
            $"""
            Hello {user.DisplayName},

            {invitedBy} gave you a {role} account in the {name} PayPortal back office.
            Choose your password here (the link works once and is valid for 3 days):

            {link}

            After that you set up two-factor sign-in with an authenticator app.
            """,
            $"<p>Hello {html.Encode(user.DisplayName)},</p><p>{html.Encode(invitedBy)} gave you a {html.Encode(role)} account in the {html.Encode(name)} PayPortal back office.</p>" +
            $"<p><a href=\"{html.Encode(link)}\">Choose your password</a> (the link works once and is valid for 3 days). After that you set up two-factor sign-in with an authenticator app.</p>"), ct);
    }
}
