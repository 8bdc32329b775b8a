using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Links;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

public enum SandboxOutcome { Paid, Processing, Declined, InvalidCard, AlreadyFinished }

/// <summary>
/// A built-in stand-in for Stripe, used when no secret key is configured. It answers Stripe.net over
/// Stripe's wire protocol (<see cref="HandleAsync"/>: form-encoded requests, JSON objects, lists,
/// <c>expand[]</c>, idempotency keys, Stripe's error objects), runs a hosted checkout page that takes
/// Stripe's documented test cards, keeps a balance that pays out, and posts signed webhooks stamped with
/// the SDK's pinned API version to the app's own webhook URL. Everything in it is test money. State
/// lives in memory: a restart forgets it.
/// </summary>
public sealed partial class StripeSandbox
{
    public const string HttpClientName = "stripe-sandbox-webhooks";
    public const string Path = "/stripe-sandbox";

    private readonly Lock _gate = new();
    private readonly SandboxStore _store = new();
    /// <summary>Which payout took each balance transaction (Stripe's <c>payout=</c> filter).</summary>
    private readonly Dictionary<string, string> _paidOutBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _lineItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TestCard> _cardOf = new(StringComparer.Ordinal);

    private readonly IHttpClientFactory httpClients;
    private readonly IOptions<PortalUrlOptions> links;
    private readonly TimeProvider clock;
    private readonly ILogger<StripeSandbox> logger;

    public StripeSandbox(IHttpClientFactory httpClients, IOptions<PortalUrlOptions> links, IOptions<StripeOptions> stripe, TimeProvider clock, ILogger<StripeSandbox> logger)
    {
        (this.httpClients, this.links, this.clock, this.logger) = (httpClients, links, clock, logger);
        if (stripe.Value.SandboxApiKey is { Length: > 0 } configured) ApiKey = configured;
        else
        {
            ApiKey = "sk_test_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            if (stripe.Value.UsesSandbox)
                logger.LogWarning("The built-in Stripe sandbox is on (test money only). Its API at {ApiBase} takes the secret key {ApiKey} until the next start.", ApiBase, ApiKey);
        }
    }

    /// <summary>The signing secret of the sandbox's webhooks (new each start, never a real secret).</summary>
    public string WebhookSecret { get; } = "whsec_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secret key its API requires, as Stripe's does (<c>Authorization: Bearer …</c>): <c>Stripe:SandboxApiKey</c>, or random per start.</summary>
    public string ApiKey { get; }

    /// <summary>Where Stripe.net reaches the sandbox: the app's own address.</summary>
    public string ApiBase => links.Value.PublicUrl.TrimEnd('/') + Path;

    private string WebhookUrl => links.Value.PublicUrl.TrimEnd('/') + "/webhooks/stripe";

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    private sealed record PendingEvent(string Type, JsonObject Object, JsonObject? PreviousAttributes);

    /// <summary>
    /// One change under the lock: what it returns and the events it raised are copied before the lock is
    /// left, and the events are delivered after it (the app's webhook may call back into the sandbox).
    /// </summary>
    private async Task<JsonObject> ChangeAsync(Func<List<PendingEvent>, JsonObject> change, IReadOnlyCollection<string> expand, string? idempotencyKey, CancellationToken ct)
    {
        var raised = new List<PendingEvent>();
        List<JsonObject> events;
        JsonObject? result = null;
        SandboxError? refused = null;
        lock (_gate)
        {
            try
            {
                result = Expand(change(raised), expand);
            }
            catch (SandboxError error)
            {
                // A decline is still news: the events it raised (payment_intent.payment_failed) go out.
                refused = error;
            }
            events = raised.Select(e => RecordEvent(e, idempotencyKey)).ToList();
        }
        // Stripe delivers what happened whether or not the caller is still waiting for the answer.
        foreach (var stripeEvent in events) await DeliverAsync(stripeEvent, CancellationToken.None);
        return result ?? throw refused!;
    }

    private JsonObject Read(Func<JsonObject> read, IReadOnlyCollection<string> expand)
    {
        lock (_gate) return Expand(read(), expand);
    }

    private JsonObject RecordEvent(PendingEvent e, string? idempotencyKey)
    {
        var stripeEvent = SandboxShapes.Event(SandboxStore.NewId("evt"), e.Type, (JsonObject)e.Object.DeepClone(), e.PreviousAttributes,
            global::Stripe.StripeConfiguration.ApiVersion, idempotencyKey is null ? null : SandboxStore.NewId("req"), idempotencyKey, Now);
        _store.Add(stripeEvent);
        return (JsonObject)stripeEvent.DeepClone();
    }

    /// <summary>
    /// Posts a signed event to the app's webhook endpoint, as Stripe does. As at Stripe, a webhook the app
    /// refuses or fails does not fail the API call that caused it: it is logged (Stripe would retry it).
    /// </summary>
    private async Task DeliverAsync(JsonObject stripeEvent, CancellationToken ct)
    {
        var payload = stripeEvent.ToJsonString();
        var timestamp = Now;
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        var signature = global::Stripe.EventUtility.ComputeSignature(WebhookSecret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), payload);
        request.Headers.Add("Stripe-Signature", $"t={timestamp},v1={signature}");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Sandbox webhook {EventId} ({Type}) answered {Status}: {Body}", (string?)stripeEvent["id"], (string?)stripeEvent["type"], (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Sandbox webhook {EventId} ({Type}) could not be delivered to {Url}", (string?)stripeEvent["id"], (string?)stripeEvent["type"], WebhookUrl);
        }
    }

    // ---- What the hosted checkout page shows and does --------------------------------------------------

    public sealed record CheckoutView(string Id, string Currency, long AmountTotal, IReadOnlyList<(string Name, long UnitAmount, long Quantity)> LineItems,
        string Status, string PaymentStatus, string IntentStatus, string CancelUrl, string SuccessUrl, IReadOnlyList<string> PaymentMethodTypes);

    public CheckoutView? Find(string sessionId)
    {
        lock (_gate)
        {
            if (_store.Find(sessionId) is not { } s || (string?)s["object"] != "checkout.session") return null;
            var intent = IntentOf(s);
            return new CheckoutView(sessionId, (string)s["currency"]!, s["amount_total"].Long(),
                _lineItems[sessionId].Select(i => ((string)i["description"]!, i["price"]!["unit_amount"].Long(), i["quantity"].Long())).ToList(),
                (string)s["status"]!, (string)s["payment_status"]!, (string)intent["status"]!, (string)s["cancel_url"]!, SuccessUrlOf(s),
                s["payment_method_types"]!.AsArray().Select(t => (string)t!).ToList());
        }
    }

    private static string SuccessUrlOf(JsonObject session) => ((string)session["success_url"]!).Replace("{CHECKOUT_SESSION_ID}", (string)session["id"]!, StringComparison.Ordinal);

    /// <summary>Pays with a test card number; the matching webhooks are delivered before this returns.</summary>
    public async Task<(SandboxOutcome Outcome, string? Message)> PayWithCardAsync(string sessionId, string cardNumber, CancellationToken ct = default)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        var card = TestCards.ByNumber(digits);
        if (card is null) return (SandboxOutcome.InvalidCard, "Your card number is incorrect. Use a test card such as 4242 4242 4242 4242.");
        var outcome = SandboxOutcome.Paid;
        string? message = null;
        await ChangeAsync(events =>
        {
            var session = OpenSession(sessionId, out var finished);
            if (finished) { outcome = SandboxOutcome.AlreadyFinished; return session; }
            var intent = IntentOf(session);
            var method = NewPaymentMethod(card, null);
            if (ChargeIntent(intent, method, card, "card", offSession: false, authenticated: true, events) is { } decline)
            {
                outcome = SandboxOutcome.Declined;
                message = (string?)decline["message"];
                return session;
            }
            CompleteSession(session, paid: true, events);
            return session;
        }, [], null, ct);
        return (outcome, message);
    }

    /// <summary>Pays by US bank account: like ACH, the debit is submitted now and settles (or fails) later.</summary>
    public async Task<SandboxOutcome> PayWithBankAccountAsync(string sessionId, CancellationToken ct = default)
    {
        var outcome = SandboxOutcome.Processing;
        await ChangeAsync(events =>
        {
            var session = OpenSession(sessionId, out var finished);
            if (finished) { outcome = SandboxOutcome.AlreadyFinished; return session; }
            var intent = IntentOf(session);
            intent["status"] = "processing";
            intent["payment_method_types"] = new JsonArray("us_bank_account");
            intent["processing"] = new JsonObject { ["type"] = "us_bank_account" };
            events.Add(new("payment_intent.processing", intent, null));
            CompleteSession(session, paid: false, events);
            return session;
        }, [], null, ct);
        return outcome;
    }

    /// <summary>The bank debit's later result, chosen by the tester.</summary>
    public async Task<bool> SettleBankDebitAsync(string sessionId, bool succeeds, CancellationToken ct = default)
    {
        var settled = false;
        await ChangeAsync(events =>
        {
            var session = _store.Get(sessionId, "checkout.session", "checkout.session");
            var intent = IntentOf(session);
            if ((string?)intent["status"] != "processing") return session;
            settled = true;
            intent["processing"] = null;
            if (succeeds)
            {
                SucceedIntent(intent, null, "us_bank_account", events);
                session["payment_status"] = "paid";
                events.Add(new("checkout.session.async_payment_succeeded", session, null));
            }
            else
            {
                FailIntent(intent, new JsonObject { ["type"] = "invalid_request_error", ["code"] = "payment_method_provider_decline", ["message"] = "The bank declined the debit." }, events);
                events.Add(new("checkout.session.async_payment_failed", session, null));
            }
            return session;
        }, [], null, ct);
        return settled;
    }

    private JsonObject OpenSession(string sessionId, out bool finished)
    {
        var session = _store.Get(sessionId, "checkout.session", "checkout.session");
        finished = (string?)session["status"] != "open";
        return session;
    }

    private JsonObject IntentOf(JsonObject session) => _store.Get((string)session["payment_intent"]!, "payment_intent", "payment_intent");

    private void CompleteSession(JsonObject session, bool paid, List<PendingEvent> events)
    {
        session["status"] = "complete";
        session["payment_status"] = paid ? "paid" : "unpaid";
        session["url"] = null;
        events.Add(new("checkout.session.completed", session, null));
    }
}
