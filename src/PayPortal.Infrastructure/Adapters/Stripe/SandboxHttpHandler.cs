using System.Text;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Infrastructure.Adapters.Stripe;

/// <summary>
/// Carries Stripe.net's requests to the built-in sandbox in-process: the same bytes its HTTP endpoint
/// (<c>/stripe-sandbox/v1/…</c>) would get, without the app calling itself over the network.
/// </summary>
public sealed class SandboxHttpHandler(StripeSandbox sandbox) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.FirstOrDefault() : null;
        var path = request.RequestUri!.AbsolutePath;
        var v1 = path.IndexOf("/v1/", StringComparison.Ordinal);
        var answer = await sandbox.HandleAsync(request.Method.Method, v1 >= 0 ? path[v1..] : path, request.RequestUri.Query, body, key, request.Headers.Authorization?.ToString(), ct);
        var response = new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Json, Encoding.UTF8, "application/json"), RequestMessage = request };
        response.Headers.Add("Request-Id", answer.RequestId);
        return response;
    }
}
