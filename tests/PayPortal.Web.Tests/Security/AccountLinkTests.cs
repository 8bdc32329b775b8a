using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests.Security;

/// <summary>A deployment whose AllowedHosts was left open: the request's Host header is whatever the sender writes.</summary>
public sealed class OpenHostsFactory() : SecurityFactory("Testing", ("AllowedHosts", "*"));

public partial class AccountLinkTests(OpenHostsFactory factory) : IClassFixture<OpenHostsFactory>
{
    private const string PublicUrl = "http://localhost:5080";
    private const string Hostile = "attacker.example.test";

    [GeneratedRegex(@"https?://[^\s""'<>)]+")]
    private static partial Regex AnyLink();

    private MimeMessage MailTo(string address) =>
        Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Last(m => m.To.Mailboxes.Any(a => a.Address == address));

    private static HttpRequestMessage WithHost(HttpRequestMessage request)
    {
        request.Headers.Host = Hostile;
        return request;
    }

    [Fact]
    public async Task A_password_reset_requested_with_a_hostile_host_header_links_to_the_public_url_and_works()
    {
        var client = factory.ClientFrom("198.51.100.1");
        var token = await client.AntiforgeryToken("/Identity/Account/ForgotPassword");
        var sent = await client.SendAsync(WithHost(new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.CustomerColleague.Email, ["__RequestVerificationToken"] = token }),
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = MailTo(DemoAccounts.CustomerColleague.Email);
        Assert.DoesNotContain(Hostile, mail.HtmlBody + mail.TextBody);
        var link = AnyLink().Matches(mail.TextBody ?? "").Select(m => m.Value).Single(l => l.Contains("ResetPassword"));
        Assert.StartsWith(PublicUrl + "/Identity/Account/ResetPassword?", link);

        // The code survived the move: the link resets the password.
        var resetPath = new Uri(link).PathAndQuery;
        var code = WebUtility.HtmlDecode(Regex.Match(await client.GetStringAsync(resetPath), "name=\"Input.Code\" value=\"([^\"]*)\"").Groups[1].Value);
        var reset = await client.PostForm(resetPath, new Dictionary<string, string>
        {
            ["Input.Email"] = DemoAccounts.CustomerColleague.Email, ["Input.Password"] = "Reset-Pass-2026", ["Input.ConfirmPassword"] = "Reset-Pass-2026", ["Input.Code"] = code,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().SignIn(DemoAccounts.CustomerColleague.Email, "Reset-Pass-2026")).StatusCode);
    }

    [Fact]
    public async Task An_invitation_sent_with_a_hostile_host_header_links_to_the_public_url()
    {
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var customerId = await factory.WithDb(db => db.Customers.Where(c => c.Number == "C1004").Select(c => c.Id).SingleAsync());
        var url = $"/BackOffice/Customers/Details/{customerId}";
        var token = await specialist.AntiforgeryToken(url);
        var invited = await specialist.SendAsync(WithHost(new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=Invite")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Invite.Name"] = "Hal Host", ["Invite.Email"] = "hal@host-test.example", ["__RequestVerificationToken"] = token }),
        }));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var mail = MailTo("hal@host-test.example");
        Assert.DoesNotContain(Hostile, mail.HtmlBody + mail.TextBody);
        Assert.StartsWith(PublicUrl + "/Identity/Account/AcceptInvitation?userId=", Assert.Single(AnyLink().Matches(mail.TextBody ?? "")).Value);
    }

    [Fact]
    public async Task A_reset_link_lasts_two_hours_and_an_invitation_three_days()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(DemoAccounts.OtherCustomer.Email))!;
        var reset = await users.GeneratePasswordResetTokenAsync(user);
        var invitation = await users.GenerateInvitationTokenAsync(user);
        Task<bool> ResetValid() => users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, reset);
        Task<bool> InvitationValid() => users.VerifyUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose, invitation);

        factory.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        Assert.True(await ResetValid());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await ResetValid());

        factory.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromHours(2) - TimeSpan.FromMinutes(2));
        Assert.True(await InvitationValid());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await InvitationValid());

        // An invitation token is not a reset token, nor the other way round.
        Assert.False(await users.VerifyUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose, reset));
    }
}
