using PayPortal.Infrastructure.Auditing;

namespace PayPortal.Web.Security;

/// <summary>The audit trail's "who": the signed-in user, or "anonymous" (e.g. a sign-up link), or "system".</summary>
public sealed class HttpContextActor(IHttpContextAccessor accessor) : IActor
{
    public string Name => accessor.HttpContext is { } context
        ? context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous"
        : "system";
}
