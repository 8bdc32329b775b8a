namespace PayPortal.Web.Security;

/// <summary>
/// Headers on every response (pages, fragments, endpoints, static files, errors). Scripts and styles come only from
/// the portal's own files: no inline script, no inline style, no eval. htmx's configuration is in a meta tag and
/// its own indicator style is turned off there (htmx would otherwise inject an inline &lt;style&gt;).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// <c>img-src data:</c> for Pico's SVG icons inside its stylesheet; <c>form-action</c> allows Stripe Checkout, to
    /// which a payment form's answer redirects (browsers apply form-action to that redirect).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

    public const string ReferrerPolicy = "same-origin";

    public static IApplicationBuilder UsePayPortalSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // On starting, so that responses rewritten by the exception handler (which clears headers) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
