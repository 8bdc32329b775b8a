using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Security;

namespace PayPortal.Web.Security;

/// <summary>
/// The portal facing the internet: the client's address and scheme from known proxies only, HTTPS and HSTS in
/// Production (not for the health probes, which load balancers send over plain HTTP), Secure cookies outside
/// Development, security headers on every response, rate limits, and mail that never silently lands in a folder.
/// </summary>
public static class HttpSecurity
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    public static WebApplicationBuilder AddPayPortalHttpSecurity(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = config.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
            var networks = config.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
            // Without configuration ASP.NET Core trusts loopback only (a proxy on the same machine).
            if (proxies.Length + networks.Length == 0) return;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address : throw new InvalidOperationException($"{KnownProxiesKey} has '{proxy}', which is not an IP address."));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed : throw new InvalidOperationException($"{KnownNetworksKey} has '{network}', which is not a network such as 10.0.0.0/8."));
        });
        builder.Services.PostConfigure<HttpsRedirectionOptions>(o => o.HttpsPort ??= config.GetValue<int?>("HTTPS_PORT") ?? 443);

        // Secure cookies (sign-in, two-factor, antiforgery, TempData) wherever real users come, i.e. outside Development;
        // Security:SecureCookies=false only for a plain-HTTP test host (the e2e browser on a loopback port).
        if (config.GetValue<bool?>("Security:SecureCookies") ?? !environment.IsDevelopment())
        {
            builder.Services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }
        builder.Services.AddPayPortalRateLimits();
        builder.Services.RefuseMailPickupInProduction(environment.IsProduction());
        return builder;
    }

    /// <summary>First in the pipeline after the request log: every later middleware sees the real client and scheme.</summary>
    public static WebApplication UsePayPortalHttpSecurity(this WebApplication app)
    {
        DataProtectionSetup.WarnIfKeysUnprotected(app.Configuration, app.Environment, app.Logger);
        app.UseForwardedHeaders();
        app.UsePayPortalSecurityHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
            app.UseHsts();
        }
        return app;
    }
}
