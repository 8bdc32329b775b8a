namespace PayPortal.Web.Logging;

/// <summary>Logging that is safe to ship: PayPortal's own request line instead of ASP.NET Core's, and correlation ids on every line.</summary>
public static class LoggingSetup
{
    /// <summary>
    /// ASP.NET Core's own request lines ("Request starting …", "Request finished …") carry the full URL with its
    /// query string, where invitation and password-reset codes travel. They stay off at Information whatever the
    /// configuration says for <c>Microsoft.AspNetCore</c>; <see cref="RequestLogMiddleware"/> logs each request instead.
    /// This rule is added after the configuration's, so it wins over any rule for the same or a broader category.
    /// </summary>
    public static WebApplicationBuilder AddPayPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }

    /// <summary>The correlation id's scope, then the request line: first in the pipeline, so both see every request and its final status.</summary>
    public static IApplicationBuilder UsePayPortalRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<CorrelationIdMiddleware>().UseMiddleware<RequestLogMiddleware>();
}
