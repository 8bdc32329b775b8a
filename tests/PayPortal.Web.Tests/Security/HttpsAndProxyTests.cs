using System.Net;

namespace PayPortal.Web.Tests.Security;

/// <summary>Production behind a TLS-terminating proxy at <see cref="SecurityFactory.KnownProxy"/>.</summary>
public sealed class ProductionFactory() : SecurityFactory("Production", ("AllowedHosts", "portal.example.test;localhost"), ("Stripe:SandboxEnabled", "true"));

public class HttpsAndProxyTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    private const string Stranger = "203.0.113.9";

    [Fact]
    public async Task Production_redirects_plain_http_to_https()
    {
        var response = await factory.ClientFrom(Stranger, "http://portal.example.test").GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://portal.example.test/Identity/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_probes_answer_over_plain_http_without_a_redirect(string path)
    {
        var response = await factory.ClientFrom(Stranger, "http://portal.example.test").GetAsync(path);
        Assert.NotEqual(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_sends_HSTS_over_https()
    {
        var response = await factory.ClientFrom(Stranger, "https://portal.example.test").GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task The_forwarded_scheme_is_believed_from_the_known_proxy_only()
    {
        var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "198.51.100.7");
        var proxied = await factory.ClientFrom(SecurityFactory.KnownProxy, "http://portal.example.test").SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        var direct = await factory.ClientFrom(Stranger, "http://portal.example.test").SendAsync(forged);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, direct.StatusCode);
    }

    [Fact]
    public void Production_without_a_certificate_warns_that_the_keys_are_unprotected()
    {
        _ = factory.Server;
        Assert.Contains(factory.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("DataProtection:CertificatePath"));
    }
}

public class TestingEnvironmentHttpTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task Outside_Production_plain_http_is_served_without_redirect_or_HSTS()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") }).GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
