using System.ComponentModel.DataAnnotations;

namespace PayPortal.Web.Security;

/// <summary>One fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    [Range(1, int.MaxValue)] public int PermitLimit { get; set; }
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan Window { get; set; }

    public RateLimitRule() { }
    public RateLimitRule(int permitLimit, TimeSpan window) => (PermitLimit, Window) = (permitLimit, window);
}

/// <summary>
/// <c>RateLimits:*</c>: how often one client address (and, for sign-in, one email) may try. Exceeding one answers 429
/// with Retry-After. Behind a proxy the address is the forwarded one (see <c>ForwardedHeaders:KnownProxies</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in posts per client address.</summary>
    public RateLimitRule SignIn { get; set; } = new(10, TimeSpan.FromMinutes(1));
    /// <summary>Sign-in posts naming one email, from anywhere: bounds guessing from many addresses.</summary>
    public RateLimitRule SignInPerAccount { get; set; } = new(20, TimeSpan.FromMinutes(5));
    /// <summary>Authenticator and recovery codes per client address.</summary>
    public RateLimitRule TwoFactor { get; set; } = new(10, TimeSpan.FromMinutes(1));
    /// <summary>Forgot-password and reset-password posts per client address.</summary>
    public RateLimitRule PasswordReset { get; set; } = new(5, TimeSpan.FromMinutes(5));
    /// <summary>Invitation acceptances (choosing a first password) per client address.</summary>
    public RateLimitRule Invitation { get; set; } = new(10, TimeSpan.FromMinutes(5));
    /// <summary>Stripe webhook deliveries per sending address; Stripe sends bursts after an outage.</summary>
    public RateLimitRule Webhook { get; set; } = new(600, TimeSpan.FromMinutes(1));
    /// <summary>Calls to the built-in Stripe sandbox's API per client address.</summary>
    public RateLimitRule SandboxApi { get; set; } = new(300, TimeSpan.FromMinutes(1));
}
