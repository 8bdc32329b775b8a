using System.Diagnostics;

namespace PayPortal.Web.Logging;

/// <summary>
/// One line per request: method, path, status and duration, nothing else. The query string is left out
/// (invitation, reset and confirmation codes travel there), as are headers (cookies, Authorization) and
/// bodies (sign-in forms). Health probes are logged at Debug so load balancers do not fill the log.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
            var level = context.Request.Path.StartsWithSegments("/health") && status < 500 ? LogLevel.Debug : LogLevel.Information;
            Answered(logger, level, context.Request.Method, path, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0} ms")]
    private static partial void Answered(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);
}
