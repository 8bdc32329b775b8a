using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Stripe.Sandbox;

public enum SandboxOutcome { Paid, Processing, Declined, InvalidCard, AlreadyFinished }

/// <summary>
/// A built-in stand-in for Stripe, used when no secret key is configured: it answers the API calls our
/// client makes (Checkout Sessions, PaymentIntents) in Stripe's wire format, runs a hosted checkout page
/// that takes Stripe's documented test cards, and sends signed webhooks like Stripe does. Everything
/// paid through it is test money. State lives in memory: a restart forgets unfinished checkouts.
/// </summary>
public sealed class StripeSandbox(IHttpClientFactory httpClients, TimeProvider clock)
{
    public const string HttpClientName = "stripe-sandbox-webhooks";
    public const string SuccessCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";

    private readonly ConcurrentDictionary<string, Session> _sessions = new();
    private readonly ConcurrentDictionary<string, (string BodyHash, string SessionId)> _idempotency = new();

    /// <summary>The signing secret of the sandbox's webhooks (new each start, never a real secret).</summary>
    public string WebhookSecret { get; } = "whsec_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class Session
    {
        public required string Id { get; init; }
        public required string PaymentIntentId { get; init; }
        public required string Currency { get; init; }
        public required long AmountTotal { get; init; }
        public required string SuccessUrl { get; init; }
        public required string CancelUrl { get; init; }
        public required string? ClientReferenceId { get; init; }
        public required Dictionary<string, string> Metadata { get; init; }
        public required List<(string Name, long UnitAmount, long Quantity)> LineItems { get; init; }
        public required List<string> PaymentMethodTypes { get; init; }
        public required long Created { get; init; }
        public string Status = "open";
        public string PaymentStatus = "unpaid";
        public string IntentStatus = "requires_payment_method";
        public string? ChargeId;
        public string? PaymentMethodType;
        public JsonObject? LastPaymentError;
        public readonly Lock Gate = new();
    }

    public sealed record CheckoutView(string Id, string Currency, long AmountTotal, IReadOnlyList<(string Name, long UnitAmount, long Quantity)> LineItems,
        string Status, string PaymentStatus, string IntentStatus, string CancelUrl, string SuccessUrl, IReadOnlyList<string> PaymentMethodTypes);

    public CheckoutView? Find(string sessionId) => _sessions.TryGetValue(sessionId, out var s)
        ? new CheckoutView(s.Id, s.Currency, s.AmountTotal, s.LineItems, s.Status, s.PaymentStatus, s.IntentStatus, s.CancelUrl, SuccessUrlFor(s), s.PaymentMethodTypes)
        : null;

    // ---- The API our StripeClient calls ------------------------------------------------------------

    public HttpResponseMessage HandleApi(string method, string path, string? body, string? idempotencyKey, string hostedPageBase)
    {
        var segments = path.Trim('/').Split('/');
        return (method, segments) switch
        {
            ("POST", ["v1", "checkout", "sessions"]) => CreateSession(new SandboxForm(body ?? ""), idempotencyKey, body ?? "", hostedPageBase),
            ("GET", ["v1", "checkout", "sessions", var id]) => _sessions.TryGetValue(id, out var s) ? Json(SessionJson(s, hostedPageBase, expandIntent: true)) : Missing("checkout.session", id),
            ("GET", ["v1", "payment_intents", var id]) => _sessions.Values.FirstOrDefault(s => s.PaymentIntentId == id) is { } s2 ? Json(IntentJson(s2)) : Missing("payment_intent", id),
            _ => Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", null, $"Unrecognized request URL ({method}: {path})."),
        };
    }

    private HttpResponseMessage CreateSession(SandboxForm form, string? idempotencyKey, string body, string hostedPageBase)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (idempotencyKey is not null && _idempotency.TryGetValue(idempotencyKey, out var earlier))
        {
            return earlier.BodyHash == hash
                ? Json(SessionJson(_sessions[earlier.SessionId], hostedPageBase, expandIntent: false))
                : Error(HttpStatusCode.BadRequest, "idempotency_error", null, null, "Keys for idempotent requests can only be used with the same parameters they were first used with.");
        }
        if (form["mode"] != "payment") return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid", "mode", "The sandbox supports mode=payment.");
        foreach (var required in new[] { "success_url", "cancel_url" })
        {
            if (string.IsNullOrEmpty(form[required])) return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_missing", required, $"Missing required param: {required}.");
        }
        var items = new List<(string, long, long)>();
        string? currency = null;
        foreach (var i in form.Indices("line_items"))
        {
            var p = $"line_items[{i}]";
            var itemCurrency = form[$"{p}[price_data][currency]"];
            if (!long.TryParse(form[$"{p}[price_data][unit_amount]"], out var unit) || unit <= 0 || string.IsNullOrEmpty(itemCurrency))
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid", $"{p}[price_data]", "Each line item needs price_data with a currency and a positive unit_amount.");
            if (currency is not null && currency != itemCurrency)
                return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid", $"{p}[price_data][currency]", "All line items must be in one currency.");
            currency = itemCurrency;
            items.Add((form[$"{p}[price_data][product_data][name]"] ?? "Item", unit, long.TryParse(form[$"{p}[quantity]"], out var q) ? q : 1));
        }
        if (items.Count == 0) return Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_missing", "line_items", "Missing required param: line_items.");

        var session = new Session
        {
            Id = "cs_test_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            PaymentIntentId = "pi_test_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Currency = currency!,
            AmountTotal = items.Sum(x => x.Item2 * x.Item3),
            SuccessUrl = form["success_url"]!,
            CancelUrl = form["cancel_url"]!,
            ClientReferenceId = form["client_reference_id"],
            Metadata = form.Map("metadata"),
            LineItems = items,
            PaymentMethodTypes = form.List("payment_method_types").DefaultIfEmpty("card").ToList(),
            Created = clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        _sessions[session.Id] = session;
        if (idempotencyKey is not null) _idempotency[idempotencyKey] = (hash, session.Id);
        return Json(SessionJson(session, hostedPageBase, expandIntent: false));
    }

    // ---- The hosted checkout page's actions ---------------------------------------------------------

    /// <summary>Pays with a test card number; the matching webhooks are delivered before this returns.</summary>
    public async Task<(SandboxOutcome Outcome, string? Message)> PayWithCardAsync(string sessionId, string cardNumber, CancellationToken ct = default)
    {
        var s = _sessions[sessionId];
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        string type;
        lock (s.Gate)
        {
            if (s.Status != "open") return (SandboxOutcome.AlreadyFinished, "This checkout is already finished.");
            switch (digits)
            {
                case SuccessCard:
                    s.Status = "complete";
                    s.PaymentStatus = "paid";
                    s.IntentStatus = "succeeded";
                    s.PaymentMethodType = "card";
                    s.ChargeId = "ch_test_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                    s.LastPaymentError = null;
                    type = "checkout.session.completed";
                    break;
                case DeclinedCard or InsufficientFundsCard:
                    s.IntentStatus = "requires_payment_method";
                    s.LastPaymentError = new JsonObject
                    {
                        ["type"] = "card_error", ["code"] = "card_declined",
                        ["decline_code"] = digits == DeclinedCard ? "generic_decline" : "insufficient_funds",
                        ["message"] = digits == DeclinedCard ? "Your card was declined." : "Your card has insufficient funds.",
                    };
                    type = "payment_intent.payment_failed";
                    break;
                default:
                    return (SandboxOutcome.InvalidCard, "Your card number is incorrect. Use a test card such as 4242 4242 4242 4242.");
            }
        }
        if (type == "checkout.session.completed")
        {
            await DeliverAsync(type, SessionJson(s, null, expandIntent: false), s, ct);
            return (SandboxOutcome.Paid, null);
        }
        await DeliverAsync(type, IntentJson(s), s, ct);
        return (SandboxOutcome.Declined, s.LastPaymentError!["message"]!.GetValue<string>());
    }

    /// <summary>Pays by US bank account: like ACH, the debit is submitted now and settles (or fails) later.</summary>
    public async Task<SandboxOutcome> PayWithBankAccountAsync(string sessionId, CancellationToken ct = default)
    {
        var s = _sessions[sessionId];
        lock (s.Gate)
        {
            if (s.Status != "open") return SandboxOutcome.AlreadyFinished;
            s.Status = "complete";
            s.PaymentStatus = "unpaid";
            s.IntentStatus = "processing";
            s.PaymentMethodType = "us_bank_account";
        }
        await DeliverAsync("checkout.session.completed", SessionJson(s, null, expandIntent: false), s, ct);
        return SandboxOutcome.Processing;
    }

    /// <summary>The bank debit's later result, chosen by the tester.</summary>
    public async Task<bool> SettleBankDebitAsync(string sessionId, bool succeeds, CancellationToken ct = default)
    {
        var s = _sessions[sessionId];
        lock (s.Gate)
        {
            if (s.IntentStatus != "processing") return false;
            s.IntentStatus = succeeds ? "succeeded" : "requires_payment_method";
            s.PaymentStatus = succeeds ? "paid" : "unpaid";
            if (succeeds) s.ChargeId = "py_test_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            else s.LastPaymentError = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "payment_method_provider_decline", ["message"] = "The bank declined the debit." };
        }
        await DeliverAsync(succeeds ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", SessionJson(s, null, expandIntent: false), s, ct);
        return true;
    }

    private static string SuccessUrlFor(Session s) => s.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", s.Id, StringComparison.Ordinal);

    // ---- Webhooks ------------------------------------------------------------------------------------

    /// <summary>Posts a signed event to the app's webhook endpoint (on the origin of the session's success URL), as Stripe does.</summary>
    private async Task DeliverAsync(string type, JsonObject dataObject, Session s, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["id"] = "evt_test_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "event",
            ["api_version"] = "2024-06-20",
            ["created"] = now,
            ["livemode"] = false,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(payload);
        var origin = new Uri(s.SuccessUrl).GetLeftPart(UriPartial.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{origin}/webhooks/stripe") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Stripe-Signature", StripeSignature.Header(bytes, WebhookSecret, now));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    // ---- Stripe's object shapes --------------------------------------------------------------------

    private JsonObject SessionJson(Session s, string? hostedPageBase, bool expandIntent) => new()
    {
        ["id"] = s.Id,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["status"] = s.Status,
        ["payment_status"] = s.PaymentStatus,
        ["amount_total"] = s.AmountTotal,
        ["currency"] = s.Currency,
        ["client_reference_id"] = s.ClientReferenceId,
        ["success_url"] = s.SuccessUrl,
        ["cancel_url"] = s.CancelUrl,
        ["url"] = s.Status == "open" && hostedPageBase is not null ? $"{hostedPageBase.TrimEnd('/')}/checkout/{s.Id}" : null,
        ["payment_intent"] = expandIntent ? IntentJson(s) : s.PaymentIntentId,
        ["payment_method_types"] = new JsonArray(s.PaymentMethodTypes.Select(t => (JsonNode)t).ToArray()),
        ["metadata"] = Metadata(s),
        ["livemode"] = false,
        ["created"] = s.Created,
        ["expires_at"] = s.Created + 24 * 3600,
    };

    private static JsonObject IntentJson(Session s) => new()
    {
        ["id"] = s.PaymentIntentId,
        ["object"] = "payment_intent",
        ["amount"] = s.AmountTotal,
        ["amount_received"] = s.IntentStatus == "succeeded" ? s.AmountTotal : 0,
        ["currency"] = s.Currency,
        ["status"] = s.IntentStatus,
        ["latest_charge"] = s.ChargeId,
        ["payment_method_types"] = new JsonArray(s.PaymentMethodType is null ? [] : [s.PaymentMethodType]),
        ["last_payment_error"] = s.LastPaymentError?.DeepClone(),
        ["metadata"] = Metadata(s),
        ["livemode"] = false,
    };

    private static JsonObject Metadata(Session s) => new(s.Metadata.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value)));

    private static HttpResponseMessage Json(JsonObject body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Missing(string kind, string id) =>
        Error(HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", "id", $"No such {kind}: '{id}'");

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string? code, string? param, string message) =>
        Json(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message } }, status);
}

/// <summary>
/// Routes the StripeClient's HTTP requests to the sandbox in-process: the same bytes Stripe would get,
/// without a network. The hosted checkout page lives under <see cref="HostedPageBase"/> in the web app.
/// </summary>
public sealed class SandboxHttpHandler(StripeSandbox sandbox, Func<string> hostedPageBase) : HttpMessageHandler
{
    public string HostedPageBase => hostedPageBase();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.FirstOrDefault() : null;
        var path = request.RequestUri!.AbsolutePath;
        var v1 = path.IndexOf("/v1/", StringComparison.Ordinal);
        return sandbox.HandleApi(request.Method.Method, v1 >= 0 ? path[v1..] : path, body, key, HostedPageBase);
    }
}
