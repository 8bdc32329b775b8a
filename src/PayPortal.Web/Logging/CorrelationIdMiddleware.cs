using PayPortal.Infrastructure.Logging;

namespace PayPortal.Web.Logging;

/// <summary>
/// Gives each request its correlation id (<see cref="CorrelationId"/>), echoes it in the response's
/// <c>X-Correlation-Id</c> and opens a logging scope with it around the rest of the pipeline, so every line
/// logged while the request runs carries it. Registered first, so error handling runs inside the scope.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationId.Choose(context.Request.Headers[CorrelationId.Header], context.Request.Headers.TraceParent);
        CorrelationId.Set(context, id);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.Header] = id;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new LogScope(new KeyValuePair<string, object?>(CorrelationId.ScopeKey, id))))
            await next(context);
    }
}
