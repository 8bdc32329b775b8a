using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PayPortal.Infrastructure.Staff;

namespace PayPortal.Web.Tests.Staff;

public static partial class StaffTestData
{
    public const string Password = "Staff-Pass-2026";

    /// <summary>Where a redirect goes, as path and query whether the header is absolute or relative.</summary>
    public static string Where(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>A staff account of its own for one test (so disabling or demoting it touches no other test).</summary>
    public static async Task<string> NewStaffAsync(this PayPortalFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@staff.example";
        await using var scope = factory.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync(email, role, "Test " + role, Password);
        Assert.True(added.Succeeded, added.Message);
        return email;
    }

    public static Task<Infrastructure.Identity.AppUser> UserAsync(this PayPortalFactory factory, string email) =>
        factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    public static Task<List<string>> RolesOfAsync(this PayPortalFactory factory, string email) =>
        factory.WithDb(db => (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                              where u.Email == email select r.Name!).ToListAsync());

    [GeneratedRegex(@"https?://[^\s""<]+/Identity/Account/AcceptInvitation\?[^\s""<]+")]
    private static partial Regex AcceptLink();

    /// <summary>The path and query of the set-password link last emailed to <paramref name="email"/>.</summary>
    public static async Task<string> InvitationLinkAsync(this PayPortalFactory factory, string email)
    {
        for (var i = 0; i < 50; i++)
        {
            var mail = Directory.Exists(factory.MailFolder)
                ? Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email)).OrderBy(m => m.Date).LastOrDefault()
                : null;
            if (mail is not null) return new Uri(AcceptLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No invitation mail to {email}");
    }
}
