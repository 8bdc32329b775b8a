using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

/// <summary>A sandbox answer as Stripe sends it: a status, a JSON object and the Request-Id header.</summary>
public sealed record SandboxResponse(HttpStatusCode Status, string Json, string RequestId);

// The REST API: routes, lists, expansion and idempotency, as Stripe.net expects them.
public sealed partial class StripeSandbox
{
    /// <summary>Idempotency keys seen: the answer saved, or null while the first request with that key is still running.</summary>
    private readonly Dictionary<string, (string Fingerprint, SandboxResponse? Response)> _idempotent = new(StringComparer.Ordinal);

    /// <summary>Answers one API request (path from <c>/v1/</c>, the query string, the form body).</summary>
    public async Task<SandboxResponse> HandleAsync(string method, string path, string? query, string? body, string? idempotencyKey, string? authorization, CancellationToken ct = default)
    {
        var requestId = SandboxStore.NewId("req");
        if (Unauthorized(authorization) is { } refusal) return Answer(refusal, requestId);
        if (method != "POST" || idempotencyKey is not { Length: > 0 }) return await RouteAndAnswerAsync(method, path, query, body, idempotencyKey, requestId, ct);

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{path}\n{body}")));
        lock (_gate)
        {
            if (_idempotent.TryGetValue(idempotencyKey, out var earlier))
            {
                if (earlier.Fingerprint != fingerprint)
                    return Answer(IdempotencyError(HttpStatusCode.BadRequest, $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request."), requestId);
                return earlier.Response ?? Answer(IdempotencyError(HttpStatusCode.Conflict,
                    "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through)."), requestId);
            }
            _idempotent[idempotencyKey] = (fingerprint, null);
        }
        SandboxResponse response;
        try
        {
            response = await RouteAndAnswerAsync(method, path, query, body, idempotencyKey, requestId, ct);
        }
        catch
        {
            lock (_gate) _idempotent.Remove(idempotencyKey);
            throw;
        }
        lock (_gate)
        {
            // As Stripe: a result is saved once the request ran (declines included), not when its parameters were refused or it failed on Stripe's side.
            if (response.Status is HttpStatusCode.OK or HttpStatusCode.PaymentRequired) _idempotent[idempotencyKey] = (fingerprint, response);
            else _idempotent.Remove(idempotencyKey);
        }
        return response;
    }

    /// <summary>As Stripe: the secret key as a Bearer token (or HTTP Basic user), else 401 with Stripe's words.</summary>
    private SandboxError? Unauthorized(string? authorization)
    {
        string? key = null;
        if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true) key = authorization[7..].Trim();
        else if (authorization?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                key = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())).Split(':')[0];
            }
            catch (FormatException)
            {
            }
        }
        if (key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(ApiKey))) return null;
        var message = string.IsNullOrEmpty(key)
            ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
            : $"Invalid API Key provided: {(key.Length > 12 ? key[..8] + "****" + key[^4..] : "****")}";
        return new SandboxError(HttpStatusCode.Unauthorized, SandboxShapes.Error("invalid_request_error", null, null, message));
    }

    private static SandboxError IdempotencyError(HttpStatusCode status, string message) =>
        new(status, SandboxShapes.Error("idempotency_error", null, null, message));

    private async Task<SandboxResponse> RouteAndAnswerAsync(string method, string path, string? query, string? body, string? idempotencyKey, string requestId, CancellationToken ct)
    {
        try
        {
            var form = SandboxForm.Merge(new SandboxForm(query), new SandboxForm(body));
            var result = await RouteAsync(method, path.Trim('/').Split('/'), form, path, idempotencyKey, ct);
            return new SandboxResponse(HttpStatusCode.OK, result.ToJsonString(), requestId);
        }
        catch (SandboxError error)
        {
            return Answer(error, requestId);
        }
    }

    private static SandboxResponse Answer(SandboxError error, string requestId)
    {
        error.Body["error"]!["request_log_url"] = $"https://dashboard.stripe.com/test/logs/{requestId}";
        return new SandboxResponse(error.Status, error.Body.ToJsonString(), requestId);
    }

    private Task<JsonObject> RouteAsync(string method, string[] segments, SandboxForm form, string path, string? idempotencyKey, CancellationToken ct)
    {
        var expand = form.List("expand").ToList();
        Task<JsonObject> Change(Func<List<PendingEvent>, JsonObject> change) => ChangeAsync(change, expand, idempotencyKey, ct);
        Task<JsonObject> Get(Func<JsonObject> read) => Task.FromResult(Read(read, expand));
        Task<JsonObject> List(string objectType, string url, Func<JsonObject, bool>? filter = null) =>
            Task.FromResult(Read(() => Page(_store.All(objectType).Where(o => filter is null || filter(o)), form, url), expand));

        return (method, segments) switch
        {
            ("POST", ["v1", "checkout", "sessions"]) => Change(_ => CreateSession(form)),
            ("GET", ["v1", "checkout", "sessions"]) => List("checkout.session", "/v1/checkout/sessions", o => Matches(o, form, "payment_intent", "customer", "status")),
            ("GET", ["v1", "checkout", "sessions", var id]) => Get(() => _store.Get(id, "checkout.session", "checkout.session")),
            ("POST", ["v1", "checkout", "sessions", var id, "expire"]) => Change(events => ExpireSession(id, events)),
            ("GET", ["v1", "checkout", "sessions", var id, "line_items"]) => Get(() =>
            {
                _store.Get(id, "checkout.session", "checkout.session");
                return Page(_lineItems[id], form, $"/v1/checkout/sessions/{id}/line_items");
            }),

            ("POST", ["v1", "payment_intents"]) => Change(events => CreatePaymentIntent(form, events)),
            ("GET", ["v1", "payment_intents"]) => List("payment_intent", "/v1/payment_intents", o => Matches(o, form, "customer")),
            ("GET", ["v1", "payment_intents", var id]) => Get(() => _store.Get(id, "payment_intent", "payment_intent")),
            ("POST", ["v1", "payment_intents", var id, "confirm"]) => Change(events => ConfirmPaymentIntent(_store.Get(id, "payment_intent", "payment_intent"), form, events)),

            ("GET", ["v1", "charges"]) => List("charge", "/v1/charges", o => Matches(o, form, "payment_intent", "customer")),
            ("GET", ["v1", "charges", var id]) => Get(() => _store.Get(id, "charge", "charge")),

            ("POST", ["v1", "refunds"]) => Change(events => CreateRefund(form, events)),
            ("GET", ["v1", "refunds"]) => List("refund", "/v1/refunds", o => Matches(o, form, "charge", "payment_intent")),
            ("GET", ["v1", "refunds", var id]) => Get(() => _store.Get(id, "refund", "refund")),

            ("POST", ["v1", "customers"]) => Change(events => CreateCustomer(form, events)),
            ("GET", ["v1", "customers", var id]) => Get(() => _store.Get(id, "customer", "customer")),
            ("GET", ["v1", "customers", var id, "payment_methods"]) => Get(() =>
            {
                _store.Get(id, "customer", "customer");
                return Page(_store.All("payment_method").Where(m => (string?)m["customer"] == id), form, $"/v1/customers/{id}/payment_methods");
            }),

            ("GET", ["v1", "payment_methods"]) => List("payment_method", "/v1/payment_methods", o => form["customer"] is { } c && (string?)o["customer"] == c && Matches(o, form, "type")),
            ("GET", ["v1", "payment_methods", var id]) => Change(_ => RetrievePaymentMethod(id)),
            ("POST", ["v1", "payment_methods", var id, "attach"]) => Change(events => AttachPaymentMethod(id, form, events)),
            ("POST", ["v1", "payment_methods", var id, "detach"]) => Change(events => DetachPaymentMethod(id, events)),

            ("POST", ["v1", "setup_intents"]) => Change(events => CreateSetupIntent(form, events)),
            ("GET", ["v1", "setup_intents", var id]) => Get(() => _store.Get(id, "setup_intent", "setup_intent")),
            ("POST", ["v1", "setup_intents", var id, "confirm"]) => Change(events => ConfirmSetupIntent(_store.Get(id, "setup_intent", "setup_intent"), form, events)),

            ("POST", ["v1", "payouts"]) => Change(events => CreatePayout((form["currency"] ?? throw SandboxError.Missing("currency")).ToLowerInvariant(),
                form.Long("amount") ?? throw SandboxError.Missing("amount"), events)),
            ("GET", ["v1", "payouts"]) => List("payout", "/v1/payouts", o => Matches(o, form, "status") && InRange(o, form, "arrival_date") && InRange(o, form, "created")),
            ("GET", ["v1", "payouts", var id]) => Get(() => _store.Get(id, "payout", "payout")),

            ("GET", ["v1", "balance_transactions"]) => List("balance_transaction", "/v1/balance_transactions", o =>
                (form["payout"] is not { } payout || _paidOutBy.GetValueOrDefault((string)o["id"]!) == payout) && Matches(o, form, "type", "source", "currency")),
            ("GET", ["v1", "balance_transactions", var id]) => Get(() => _store.Get(id, "balance_transaction", "balance_transaction")),

            ("GET", ["v1", "disputes"]) => List("dispute", "/v1/disputes", o => Matches(o, form, "charge", "payment_intent")),
            ("GET", ["v1", "disputes", var id]) => Get(() => _store.Get(id, "dispute", "dispute")),

            ("GET", ["v1", "events"]) => List("event", "/v1/events", o => Matches(o, form, "type")),
            ("GET", ["v1", "events", var id]) => Get(() => _store.Get(id, "event", "event")),

            _ => throw new SandboxError(HttpStatusCode.NotFound, SandboxShapes.Error("invalid_request_error", null, null,
                $"Unrecognized request URL ({method}: {path}). The sandbox serves Checkout Sessions, PaymentIntents, charges, refunds, customers, payment methods, setup intents, payouts, balance transactions, disputes and events.")),
        };
    }

    /// <summary>A filter Stripe lists take: the object's field (an id, expanded or not) equals the parameter, for each one given.</summary>
    private static bool Matches(JsonObject obj, SandboxForm form, params string[] fields) =>
        fields.All(f => form[f] is not { } wanted || IdOf(obj[f]) == wanted);

    /// <summary>Stripe's range filters: <c>created[gte]=…</c>, <c>created[lt]=…</c>, or <c>created=…</c> exactly.</summary>
    private static bool InRange(JsonObject obj, SandboxForm form, string field)
    {
        var value = obj[field].Long();
        return (form.Long(field) is not { } exact || value == exact)
               && (form.Long($"{field}[gt]") is not { } gt || value > gt) && (form.Long($"{field}[gte]") is not { } gte || value >= gte)
               && (form.Long($"{field}[lt]") is not { } lt || value < lt) && (form.Long($"{field}[lte]") is not { } lte || value <= lte);
    }

    private static string? IdOf(JsonNode? node) => node switch
    {
        JsonObject o => (string?)o["id"],
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    /// <summary>One page of a list (newest first): <c>limit</c> 1-100 (10 by default), <c>starting_after</c> and <c>ending_before</c> by id.</summary>
    private static JsonObject Page(IEnumerable<JsonObject> items, SandboxForm form, string url)
    {
        var limit = form.Long("limit") ?? 10;
        if (limit is < 1 or > 100) throw SandboxError.Invalid("This value must be greater than or equal to 1 and less than or equal to 100.", "limit");
        var all = items.ToList();
        var start = 0;
        var end = all.Count;
        if (form["starting_after"] is { } after)
            start = all.FindIndex(o => (string?)o["id"] == after) is var i and >= 0 ? i + 1 : throw SandboxError.NoSuch("object", after, "starting_after");
        if (form["ending_before"] is { } before)
        {
            end = all.FindIndex(o => (string?)o["id"] == before) is var j and >= 0 ? j : throw SandboxError.NoSuch("object", before, "ending_before");
            start = Math.Max(start, end - (int)limit);
        }
        var page = all.Skip(start).Take(Math.Min((int)limit, Math.Max(0, end - start))).ToList();
        return SandboxShapes.List(page.Select(o => o.DeepClone()), url, hasMore: start + page.Count < end);
    }

    /// <summary>
    /// A copy of <paramref name="obj"/> with each <c>expand[]</c> path (<c>payment_intent</c>,
    /// <c>payment_intent.latest_charge</c>, <c>data.source</c> in a list) turned from an id into the object.
    /// </summary>
    private JsonObject Expand(JsonObject obj, IReadOnlyCollection<string> paths)
    {
        var copy = (JsonObject)obj.DeepClone();
        foreach (var path in paths) ExpandPath(copy, path.Split('.'), path);
        return copy;
    }

    private void ExpandPath(JsonNode? node, ReadOnlySpan<string> steps, string path)
    {
        if (steps.IsEmpty || node is null) return;
        if (node is JsonArray array)
        {
            foreach (var item in array) ExpandPath(item, steps, path);
            return;
        }
        if (node is not JsonObject obj) return;
        if (steps.Length > 4) throw SandboxError.Invalid($"You cannot expand more than 4 levels of a property. Property: {path}", "expand");
        var name = steps[0];
        if (!obj.ContainsKey(name)) throw SandboxError.Invalid($"This property cannot be expanded ({path}).", "expand");
        if (obj[name] is JsonValue value && value.TryGetValue<string>(out var id))
        {
            obj[name] = _store.Find(id)?.DeepClone() ?? throw SandboxError.Invalid($"This property cannot be expanded ({path}).", "expand");
        }
        ExpandPath(obj[name], steps[1..], path);
    }
}
