using System.Net;
using System.Text.RegularExpressions;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests.Security;

public partial class SecurityHeadersTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Theory]
    [InlineData("GET", "/Identity/Account/Login")]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/no/such/page")]
    [InlineData("GET", "/lib/htmx/htmx.min.js")]
    [InlineData("POST", "/webhooks/stripe")]
    [InlineData("GET", "/stripe-sandbox/v1/customers")]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        var response = await factory.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}") : null });

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|hx-on|js:""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Theory]
    [InlineData("customer@demo.payportal.test", "/Portal/Invoices")]
    [InlineData("customer@demo.payportal.test", "/Portal/Statement")]
    [InlineData("specialist@demo.payportal.test", "/BackOffice")]
    [InlineData("specialist@demo.payportal.test", "/BackOffice/Customers")]
    [InlineData("specialist@demo.payportal.test", "/Identity/Account/Manage")]
    public async Task Pages_carry_no_inline_script_handler_or_style_the_policy_would_block(string email, string path)
    {
        var client = await factory.SignedInAs(email);
        var html = await client.GetStringAsync(path);
        Assert.Empty(InlineCode().Matches(html).Select(m => m.Value));
        Assert.Contains("/lib/site/site.js", html);
        Assert.Contains("\"includeIndicatorStyles\":false", html);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_inline_code_either()
    {
        var html = await factory.Client().GetStringAsync("/Identity/Account/Login");
        Assert.Empty(InlineCode().Matches(html).Select(m => m.Value));
    }

    [Fact]
    public async Task Outside_Development_the_sign_in_and_antiforgery_cookies_are_Secure()
    {
        var client = factory.Client();
        var form = await client.GetAsync("/Identity/Account/Login");
        Assert.All(form.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        var signedIn = await client.SignIn(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);
    }
}

public class DevelopmentCookieTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task In_Development_cookies_also_work_over_plain_http()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        var form = await client.GetAsync("/Identity/Account/Login");
        Assert.All(form.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}
