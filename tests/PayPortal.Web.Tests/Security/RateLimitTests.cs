using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Web.Tests.Staff;

namespace PayPortal.Web.Tests.Security;

/// <summary>Small limits: 3 sign-ins per address and 5 per email a minute; 2 of everything else.</summary>
public sealed class SmallLimitsFactory() : SecurityFactory("Testing",
    ("RateLimits:SignIn:PermitLimit", "3"), ("RateLimits:SignInPerAccount:PermitLimit", "5"), ("RateLimits:TwoFactor:PermitLimit", "2"),
    ("RateLimits:PasswordReset:PermitLimit", "2"), ("RateLimits:Invitation:PermitLimit", "2"), ("RateLimits:Webhook:PermitLimit", "2"),
    ("RateLimits:SandboxApi:PermitLimit", "2"));

public class RateLimitTests(SmallLimitsFactory factory) : IClassFixture<SmallLimitsFactory>
{
    private static Dictionary<string, string> Credentials(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    private static void AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After"))) >= 1);
    }

    [Fact]
    public async Task A_stranger_guessing_a_staff_password_is_stopped_and_the_account_is_not_locked()
    {
        var stranger = factory.ClientFrom("203.0.113.10");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await stranger.PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Manager.Email, $"guess-{i}-wrong"))).StatusCode);
        AssertTooMany(await stranger.PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Manager.Email, "guess-4-wrong")));

        var account = await factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.Manager.Email));
        Assert.Equal(0, account.AccessFailedCount);
        Assert.Null(account.LockoutEnd);
        var manager = factory.ClientFrom("198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Manager.Email, DemoAccounts.Password))).StatusCode);
    }

    [Fact]
    public async Task Guesses_at_one_email_from_many_addresses_are_stopped_too()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await factory.ClientFrom($"203.0.113.{100 + i}").PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Admin.Email, "wrong-password"))).StatusCode);
        AssertTooMany(await factory.ClientFrom("203.0.113.200").PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Admin.Email, "wrong-password")));
        // Another account from the same fresh address is not held up.
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ClientFrom("203.0.113.201").PostForm("/Identity/Account/Login", Credentials(DemoAccounts.Specialist.Email, DemoAccounts.Password))).StatusCode);
        var admin = await factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.Admin.Email));
        Assert.Null(admin.LockoutEnd);
    }

    [Fact]
    public async Task Strangers_exhausting_an_accounts_limit_do_not_hold_up_the_browser_it_remembered()
    {
        var email = await factory.NewStaffAsync(PayPortal.Infrastructure.Identity.Roles.Specialist);
        var owner = factory.ClientFrom("198.51.100.50");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostForm("/Identity/Account/Login", Credentials(email, StaffTestData.Password))).StatusCode);
        var setUp = await owner.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(setUp, "<kbd>([^<]+)</kbd>").Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostForm("/Identity/Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = Totp.Now(key) })).StatusCode);
        var password = await owner.PostForm("/Identity/Account/Login", Credentials(email, StaffTestData.Password));
        Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location!.Where());
        var remembered = await owner.PostForm(password.Headers.Location!.Where(), new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Now(key), ["Input.RememberMachine"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);

        HttpResponseMessage? stopped = null;
        for (var i = 0; i < 6 && stopped is null; i++)
        {
            var guess = await factory.ClientFrom($"203.0.113.{60 + i}").PostForm("/Identity/Account/Login", Credentials(email, $"guess-{i}"));
            if (guess.StatusCode == HttpStatusCode.TooManyRequests) stopped = guess;
        }
        AssertTooMany(stopped!);
        AssertTooMany(await factory.ClientFrom("203.0.113.70").PostForm("/Identity/Account/Login", Credentials(email, StaffTestData.Password)));

        // The owner's remembered browser still signs in (password only: the machine is remembered for two-factor too).
        var again = await owner.PostForm("/Identity/Account/Login", Credentials(email, StaffTestData.Password));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain("LoginWith2fa", again.Headers.Location!.Where());
    }

    [Fact]
    public async Task Every_spelling_of_one_email_the_page_would_accept_counts_against_the_same_account()
    {
        var email = DemoAccounts.Customer.Email;
        var spellings = new (string Path, Dictionary<string, string> Form)[]
        {
            ("/Identity/Account/Login", Credentials(email, "wrong-1")),
            ("/Identity/Account/Login", Credentials(email.ToUpperInvariant(), "wrong-2")),
            ("/Identity/Account/Login", new() { ["Email"] = email, ["Input.Password"] = "wrong-3" }),
            ($"/Identity/Account/Login?Input.Email={Uri.EscapeDataString(email)}", new() { ["Input.Password"] = "wrong-4" }),
            ("/Identity/Account/Login", Credentials(email.Replace('c', '\uFF43'), "wrong-5")), // fullwidth c: the same account once normalised
        };
        for (var i = 0; i < spellings.Length; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await factory.ClientFrom($"203.0.113.{150 + i}").PostForm(spellings[i].Path, spellings[i].Form)).StatusCode);
        AssertTooMany(await factory.ClientFrom("203.0.113.160").PostForm("/Identity/Account/Login", Credentials(email, "wrong-6")));

        // Two different emails in one post (the page binds one, a fresh other would pick a fresh bucket) are refused.
        var two = await factory.ClientFrom("203.0.113.161").PostForm("/Identity/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Specialist.Email, ["Email"] = "someone-else@example.test", ["Input.Password"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/Identity/Account/LoginWith2fa", "203.0.113.30")]
    [InlineData("POST", "/Identity/Account/LoginWithRecoveryCode", "203.0.113.31")]
    [InlineData("POST", "/Identity/Account/ForgotPassword", "203.0.113.32")]
    [InlineData("POST", "/Identity/Account/ResetPassword", "203.0.113.33")]
    [InlineData("POST", "/Identity/Account/AcceptInvitation", "203.0.113.34")]
    [InlineData("POST", "/webhooks/stripe", "203.0.113.35")]
    [InlineData("GET", "/stripe-sandbox/v1/customers", "203.0.113.36")]
    [InlineData("POST", "/stripe-sandbox/v1/checkout/sessions", "203.0.113.37")]
    public async Task Each_limited_endpoint_answers_429_with_Retry_After_once_its_limit_is_used(string method, string path, string address)
    {
        var client = factory.ClientFrom(address);
        HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("") : null };
        for (var i = 0; i < 2; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Request())).StatusCode);
        AssertTooMany(await client.SendAsync(Request()));
        // Another address is not affected.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await factory.ClientFrom("198.51.100.99").SendAsync(Request())).StatusCode);
    }

    [Fact]
    public async Task The_sandbox_api_answers_a_rate_limit_in_Stripes_error_shape()
    {
        var client = factory.ClientFrom("203.0.113.40");
        for (var i = 0; i < 2; i++) await client.GetAsync("/stripe-sandbox/v1/customers");
        var limited = await client.GetAsync("/stripe-sandbox/v1/customers");
        AssertTooMany(limited);
        Assert.Contains("\"code\":\"rate_limit\"", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_and_health_probes_are_not_limited()
    {
        var client = factory.ClientFrom("203.0.113.50");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/Login")).StatusCode);
        }
    }

    [Fact]
    public async Task Behind_the_known_proxy_each_forwarded_client_has_its_own_limit_but_a_forged_header_is_ignored()
    {
        async Task<HttpStatusCode> Post(string connection, string? forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent("") };
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await factory.ClientFrom(connection).SendAsync(request)).StatusCode;
        }
        for (var i = 0; i < 2; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await Post(SecurityFactory.KnownProxy, "198.51.100.61"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Post(SecurityFactory.KnownProxy, "198.51.100.61"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await Post(SecurityFactory.KnownProxy, "198.51.100.62"));

        // A stranger cannot escape the limit by naming another client.
        for (var i = 0; i < 2; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await Post("203.0.113.60", $"198.51.100.{70 + i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Post("203.0.113.60", "198.51.100.79"));
    }
}
