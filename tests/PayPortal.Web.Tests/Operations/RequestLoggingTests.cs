using System.Net;
using System.Text.RegularExpressions;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Web.Logging;
using PayPortal.Web.Workers;

namespace PayPortal.Web.Tests.Operations;

/// <summary>
/// Every log line of a request carries its correlation id, and nothing logged (ASP.NET Core's and EF Core's
/// own lines at Debug included) holds a code from a query string, a sign-in's email or password, or a cookie.
/// </summary>
public partial class RequestLoggingTests : IAsyncLifetime
{
    private readonly OperationsFactory _factory = new(debugLogs: true);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Generated();

    private Task<CapturedEntry> RequestLineAsync(string path, string method = "GET") =>
        _factory.Logs.WaitForAsync(e => e.Category == typeof(RequestLogMiddleware).FullName && e.Message.StartsWith($"{method} {path} answered", StringComparison.Ordinal));

    [Fact]
    public async Task A_request_keeps_a_well_formed_correlation_id_in_its_log_scope_and_the_response_header()
    {
        var client = _factory.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        request.Headers.Add(CorrelationId.Header, "lb-7f3a.42");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lb-7f3a.42", Assert.Single(response.Headers.GetValues(CorrelationId.Header)));
        var line = await RequestLineAsync("/Identity/Account/Login");
        Assert.Matches("^GET /Identity/Account/Login answered 200 in [0-9]+ ms$", line.Message);
        Assert.Equal("lb-7f3a.42", line.Scope(CorrelationId.ScopeKey));
        // Not only our own line: everything logged while the request ran (Razor Pages, EF Core) carries it.
        var ofRequest = _factory.Logs.Entries.Where(e => (string?)e.Scope(CorrelationId.ScopeKey) == "lb-7f3a.42").ToList();
        Assert.Contains(ofRequest, e => e.Category.StartsWith("Microsoft.AspNetCore.Mvc.RazorPages", StringComparison.Ordinal));
        Assert.Contains(ofRequest, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || e.Category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("a-correlation-id-far-too-long-to-be-anything-a-proxy-would-send-us-in-good-faith")]
    public async Task A_malformed_correlation_id_is_replaced_by_a_new_one(string sent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(CorrelationId.Header, sent);
        var response = await _factory.Client().SendAsync(request);

        var id = Assert.Single(response.Headers.GetValues(CorrelationId.Header));
        Assert.Matches(Generated(), id);
        Assert.DoesNotContain(_factory.Logs.Entries, e => e.AllText.Contains(sent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_correlation_id_a_well_formed_traceparent_gives_its_trace_id_and_otherwise_each_request_gets_its_own()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var traced = await _factory.Client().SendAsync(request);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", Assert.Single(traced.Headers.GetValues(CorrelationId.Header)));

        var first = Assert.Single((await _factory.Client().GetAsync("/health/live")).Headers.GetValues(CorrelationId.Header));
        var second = Assert.Single((await _factory.Client().GetAsync("/health/live")).Headers.GetValues(CorrelationId.Header));
        Assert.Matches(Generated(), first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Invitation_and_reset_codes_in_the_query_string_are_not_logged()
    {
        const string Code = "Q2ZESjhPVGhlU2VjcmV0Q29kZQ";
        var client = _factory.Client();
        var userId = await _factory.WithDb(db => Task.FromResult(db.Users.Select(u => u.Id).First()));
        await client.GetAsync($"/Identity/Account/AcceptInvitation?userId={userId}&code={Code}");
        await client.GetAsync($"/Identity/Account/ResetPassword?code={Code}2");

        await RequestLineAsync("/Identity/Account/AcceptInvitation");
        await RequestLineAsync("/Identity/Account/ResetPassword");
        Assert.DoesNotContain(_factory.Logs.Entries, e => e.AllText.Contains(Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sign_in_logs_neither_the_email_nor_the_password_nor_the_cookie()
    {
        var client = _factory.Client();
        var refused = await client.SignIn(DemoAccounts.Specialist.Email, "Wrong-Pass-0000");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var signedIn = await client.SignIn(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        var cookieValue = cookie.Split(';')[0].Split('=', 2)[1];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/BackOffice")).StatusCode);

        await RequestLineAsync("/Identity/Account/Login", "POST");
        await _factory.Logs.WaitForAsync(e => e.Message == "A user signed in with a password.");
        // Start-up's demo sign-in notice (demo seeding only) is the one line meant to name them.
        var leaks = _factory.Logs.Entries.Where(e => e.Category != "PayPortal.FirstRun").Where(e =>
            e.AllText.Contains(DemoAccounts.Specialist.Email, StringComparison.OrdinalIgnoreCase)
            || e.AllText.Contains(DemoAccounts.Password, StringComparison.Ordinal) || e.AllText.Contains("Wrong-Pass-0000", StringComparison.Ordinal)
            || e.AllText.Contains(cookieValue[..40], StringComparison.Ordinal)).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task Authorization_and_cookie_headers_are_not_logged()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_live_NotToBeLogged1234");
        request.Headers.TryAddWithoutValidation("Cookie", "session=CookieNotToBeLogged5678");
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient(new() { HandleCookies = false, BaseAddress = new Uri("https://localhost") }).SendAsync(request)).StatusCode);

        await RequestLineAsync("/Identity/Account/Login");
        Assert.DoesNotContain(_factory.Logs.Entries, e => e.AllText.Contains("NotToBeLogged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outbox_run_logs_inside_a_scope_with_its_run_id()
    {
        _ = _factory.Server;
        await _factory.WithDb(async db =>
        {
            db.Outbox.Add(new OutboxMessage { Kind = "receipt", To = "ap@acme.test", Subject = "Receipt", TextBody = "Thank you.", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        _factory.Service(sp => (OutboxSignal)sp.GetService(typeof(OutboxSignal))!).Notify();

        var line = await _factory.Logs.WaitForAsync(e => e.Category == typeof(OutboxWorker).FullName && e.Message.StartsWith("Outbox: ", StringComparison.Ordinal));
        Assert.Equal("outbox", line.Scope("Run"));
        Assert.Matches(Generated(), (string)line.Scope("RunId")!);
    }
}
