using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on what a stranger can hammer: sign-in, two-factor, password reset, invitation
/// acceptance (their POSTs), the Stripe webhook and the sandbox API. Everything else, /health included, is unlimited.
/// </summary>
public static class RateLimits
{
    private const string AccountKey = "PayPortal.SignInEmail";

    private static readonly (string Path, string Rule)[] PagePosts =
    [
        ("/Identity/Account/Login", nameof(RateLimitOptions.SignIn)),
        ("/Identity/Account/LoginWith2fa", nameof(RateLimitOptions.TwoFactor)),
        ("/Identity/Account/LoginWithRecoveryCode", nameof(RateLimitOptions.TwoFactor)),
        ("/Identity/Account/ForgotPassword", nameof(RateLimitOptions.PasswordReset)),
        ("/Identity/Account/ResetPassword", nameof(RateLimitOptions.PasswordReset)),
        ("/Identity/Account/AcceptInvitation", nameof(RateLimitOptions.Invitation)),
    ];

    public static IServiceCollection AddPayPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByClient(context, limits.Value)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByAccount(context, limits.Value)));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>After routing: reads the sign-in form's email first (the limiter itself cannot wait for a body).</summary>
    public static IApplicationBuilder UsePayPortalRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && Matches(context.Request.Path, PagePosts[0].Path) && context.Request.HasFormContentType)
            {
                IFormCollection form;
                try
                {
                    context.Features.Set<IFormFeature>(new FormFeature(context.Request, SignInKeys.SignInForm));
                    form = await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("The sign-in form is not one a browser sends.", context.RequestAborted);
                    return;
                }
                var emails = SignInKeys.Emails(form, context.Request.Query);
                if (emails.Count > 1)
                {
                    // The page binds one of them; counting another would let every guess pick a fresh bucket.
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("Sign in with one email address.", context.RequestAborted);
                    return;
                }
                if (emails.Count == 1 && !await IsRememberedClientAsync(context, emails.Single())) context.Items[AccountKey] = emails.Single();
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>
    /// The account's own browser (its "remember this machine" two-factor cookie) is exempt from the per-account limit,
    /// so strangers guessing at an email from many addresses hold up only browsers the account has not vouched for.
    /// </summary>
    private static async Task<bool> IsRememberedClientAsync(HttpContext context, string normalisedEmail)
    {
        var signIn = context.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.UserManager.FindByEmailAsync(normalisedEmail) is { } user && await signIn.IsTwoFactorClientRememberedAsync(user);
    }

    /// <summary>The rule that applies to this request, if any.</summary>
    internal static string? RuleFor(HttpRequest request)
    {
        if (request.Path.StartsWithSegments(StripeSandbox.Path + "/v1", StringComparison.OrdinalIgnoreCase)) return nameof(RateLimitOptions.SandboxApi);
        if (!HttpMethods.IsPost(request.Method)) return null;
        if (Matches(request.Path, "/webhooks/stripe")) return nameof(RateLimitOptions.Webhook);
        foreach (var (path, rule) in PagePosts)
            if (Matches(request.Path, path)) return rule;
        return null;
    }

    private static bool Matches(PathString path, string page) =>
        path.Value is { } value && value.TrimEnd('/').Equals(page, StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> ByClient(HttpContext context, RateLimitOptions limits)
    {
        if (RuleFor(context.Request) is not { } rule) return RateLimitPartition.GetNoLimiter("");
        var client = SignInKeys.Client(context.Connection.RemoteIpAddress);
        return Window($"{rule}|{client}", Rule(limits, rule));
    }

    private static RateLimitPartition<string> ByAccount(HttpContext context, RateLimitOptions limits) =>
        context.Items[AccountKey] is string email && RuleFor(context.Request) == nameof(RateLimitOptions.SignIn)
            ? Window($"{nameof(RateLimitOptions.SignInPerAccount)}|{email}", limits.SignInPerAccount)
            : RateLimitPartition.GetNoLimiter("");

    private static RateLimitRule Rule(RateLimitOptions limits, string name) => name switch
    {
        nameof(RateLimitOptions.SignIn) => limits.SignIn,
        nameof(RateLimitOptions.TwoFactor) => limits.TwoFactor,
        nameof(RateLimitOptions.PasswordReset) => limits.PasswordReset,
        nameof(RateLimitOptions.Invitation) => limits.Invitation,
        nameof(RateLimitOptions.Webhook) => limits.Webhook,
        _ => limits.SandboxApi,
    };

    private static RateLimitPartition<string> Window(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit, Window = rule.Window, QueueLimit = 0, AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many attempts. Try again in {seconds} seconds.";
        if (RuleFor(context.Request) == nameof(RateLimitOptions.SandboxApi))
            await context.Response.WriteAsJsonAsync(new { error = new { type = "invalid_request_error", code = "rate_limit", message } }, ct);
        else if (RuleFor(context.Request) == nameof(RateLimitOptions.Webhook))
            await Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        else
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(message, ct);
        }
    }
}
