using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

// Checkout Sessions, PaymentIntents, charges and refunds: the money coming in and going back.
public sealed partial class StripeSandbox
{
    private static readonly string[] CheckoutMethodTypes = ["card", "us_bank_account"];

    private JsonObject CreateSession(SandboxForm form)
    {
        if (form["mode"] is not "payment") throw SandboxError.Invalid("The sandbox supports mode=payment.", "mode");
        foreach (var required in new[] { "success_url", "cancel_url" })
        {
            if (string.IsNullOrEmpty(form[required])) throw SandboxError.Missing(required);
            if (!IsOwnOrigin(form[required]!))
                throw SandboxError.Invalid($"The sandbox returns customers only to this portal ({links.Value.PublicUrl}): {required} must be an http(s) address there.", required, "url_invalid");
        }
        var items = new List<(string Name, long Unit, long Quantity, string Currency)>();
        foreach (var i in form.Indices("line_items"))
        {
            var p = $"line_items[{i}]";
            var currency = form[$"{p}[price_data][currency]"];
            var unit = form.Long($"{p}[price_data][unit_amount]") ?? 0;
            if (unit <= 0 || string.IsNullOrEmpty(currency))
                throw SandboxError.Invalid("Each line item needs price_data with a currency and a positive unit_amount.", $"{p}[price_data]");
            if (items.Count > 0 && items[0].Currency != currency)
                throw SandboxError.Invalid("All line items must be in one currency.", $"{p}[price_data][currency]");
            var quantity = form.Long($"{p}[quantity]") ?? 1;
            if (quantity <= 0) throw SandboxError.Invalid("Quantity must be a positive integer.", $"{p}[quantity]");
            items.Add((form[$"{p}[price_data][product_data][name]"] ?? "Item", unit, quantity, currency));
        }
        if (items.Count == 0) throw SandboxError.Missing("line_items");
        var types = form.List("payment_method_types").Concat(form.List("allowed_payment_method_types")).Distinct().ToList();
        if (types.Count == 0) types = ["card"];
        if (types.FirstOrDefault(t => !CheckoutMethodTypes.Contains(t)) is { } unsupported)
            throw SandboxError.Invalid($"The payment method type '{unsupported}' is not available in the sandbox (card, us_bank_account).", "payment_method_types");
        var customer = form["customer"];
        if (customer is not null) _store.Get(customer, "customer", "customer", "customer");

        var currencyCode = items[0].Currency;
        var amount = items.Sum(x => x.Unit * x.Quantity);
        var intentMetadata = Metadata(form, "payment_intent_data[metadata]");
        var intent = _store.Add(SandboxShapes.PaymentIntent(SandboxStore.NewId("pi"), amount, currencyCode, intentMetadata, types, customer, null,
            form["payment_intent_data[description]"], form["payment_intent_data[setup_future_usage]"], Now));
        var id = SandboxStore.NewId("cs");
        var session = SandboxShapes.Session(id, (string)intent["id"]!, currencyCode, amount, form["success_url"]!, form["cancel_url"]!, form["client_reference_id"],
            Metadata(form, "metadata"), types, customer, form["customer_email"], Now, form.Long("expires_at") ?? Now + 24 * 3600);
        session["url"] = $"{ApiBase}/checkout/{id}";
        _lineItems[id] = items.Select(x => SandboxShapes.LineItem(SandboxStore.NewId("li"), currencyCode, x.Name, x.Unit, x.Quantity)).ToList();
        return _store.Add(session);
    }

    /// <summary>An http(s) address on the portal's own scheme, host and port: no script, no other site.</summary>
    private bool IsOwnOrigin(string url) =>
        Uri.TryCreate(url.Replace("{CHECKOUT_SESSION_ID}", "x", StringComparison.Ordinal), UriKind.Absolute, out var target)
        && Uri.TryCreate(links.Value.PublicUrl, UriKind.Absolute, out var own)
        && target.Scheme is "http" or "https" && target.Scheme == own.Scheme
        && string.Equals(target.Host, own.Host, StringComparison.OrdinalIgnoreCase) && target.Port == own.Port;

    private JsonObject ExpireSession(string id, List<PendingEvent> events)
    {
        var session = _store.Get(id, "checkout.session", "checkout.session");
        if ((string?)session["status"] != "open")
            throw SandboxError.Invalid($"Only Checkout Sessions with a status in [\"open\"] can be expired; this one is {(string?)session["status"]}.", code: "checkout_session_not_open");
        session["status"] = "expired";
        session["url"] = null;
        var intent = IntentOf(session);
        intent["status"] = "canceled";
        intent["canceled_at"] = Now;
        intent["cancellation_reason"] = "abandoned";
        events.Add(new("checkout.session.expired", session, null));
        return session;
    }

    private JsonObject CreatePaymentIntent(SandboxForm form, List<PendingEvent> events)
    {
        var amount = form.Long("amount") ?? 0;
        if (amount <= 0) throw SandboxError.Invalid("Amount must be a positive integer in minor units.", "amount");
        if (string.IsNullOrEmpty(form["currency"])) throw SandboxError.Missing("currency");
        var customer = form["customer"];
        if (customer is not null) _store.Get(customer, "customer", "customer", "customer");
        var types = form.List("payment_method_types").DefaultIfEmpty("card").ToList();
        var intent = _store.Add(SandboxShapes.PaymentIntent(SandboxStore.NewId("pi"), amount, form["currency"]!.ToLowerInvariant(), Metadata(form, "metadata"),
            types, customer, null, form["description"], form["setup_future_usage"], Now));
        events.Add(new("payment_intent.created", intent, null));
        if (form["payment_method"] is { } method) intent["payment_method"] = ResolvePaymentMethod(method, customer);
        return form.Bool("confirm") ? ConfirmPaymentIntent(intent, form, events) : intent;
    }

    /// <summary>Confirms with the intent's payment method: a test card answers as Stripe documents; a decline is a 402 card_error naming the intent.</summary>
    private JsonObject ConfirmPaymentIntent(JsonObject intent, SandboxForm form, List<PendingEvent> events)
    {
        if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation" or "requires_action"))
            throw SandboxError.Invalid($"This PaymentIntent's status is {(string?)intent["status"]}; it cannot be confirmed.", code: "payment_intent_unexpected_state");
        if (form["payment_method"] is { } given) intent["payment_method"] = ResolvePaymentMethod(given, (string?)intent["customer"]);
        if ((string?)intent["payment_method"] is not { } methodId) throw SandboxError.Invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method", "payment_intent_unexpected_state");
        if (!_cardOf.TryGetValue(methodId, out var card))
            throw SandboxError.Invalid($"The sandbox charges only its test cards; {methodId} is not one.", "payment_method", "payment_method_unexpected_state");
        var offSession = form.Bool("off_session");
        if (ChargeIntent(intent, methodId, card, "card", offSession, authenticated: false, events) is { } decline)
        {
            var body = SandboxShapes.Error("card_error", (string?)decline["code"], null, (string)decline["message"]!, (string?)decline["decline_code"], (JsonObject)intent.DeepClone());
            throw new SandboxError(System.Net.HttpStatusCode.PaymentRequired, body);
        }
        if (card.Behaviour == CardBehaviour.AuthenticationRequired)
        {
            intent["status"] = "requires_action";
            intent["next_action"] = new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject() };
            events.Add(new("payment_intent.requires_action", intent, null));
        }
        return intent;
    }

    /// <summary>
    /// Charges the intent with a card; returns the decline (the intent then wants another method), or null
    /// when it succeeded or, for a card that wants 3-D Secure and has not had it, awaits authentication.
    /// The hosted checkout page authenticates the cardholder itself (<paramref name="authenticated"/>).
    /// </summary>
    private JsonObject? ChargeIntent(JsonObject intent, string? methodId, TestCard card, string methodType, bool offSession, bool authenticated, List<PendingEvent> events)
    {
        intent["payment_method"] = methodId;
        if (card.Decline(offSession) is { } decline)
        {
            FailIntent(intent, decline, events);
            return decline;
        }
        if (card.Behaviour == CardBehaviour.AuthenticationRequired && !authenticated) return null;
        SucceedIntent(intent, methodId, methodType, events);
        return null;
    }

    private void SucceedIntent(JsonObject intent, string? methodId, string methodType, List<PendingEvent> events)
    {
        var amount = intent["amount"].Long();
        var currency = (string)intent["currency"]!;
        var chargeId = SandboxStore.NewId(methodType == "card" ? "ch" : "py");
        var fee = Fee(amount, methodType);
        var txn = _store.Add(SandboxShapes.BalanceTransaction(SandboxStore.NewId("txn"), amount, fee, currency, "charge", "charge", chargeId, null, Now));
        var charge = _store.Add(SandboxShapes.Charge(chargeId, (string)intent["id"]!, amount, currency, (JsonObject)intent["metadata"]!.DeepClone(),
            (string?)intent["customer"], methodId, methodType, (string)txn["id"]!, "succeeded", Now));
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["latest_charge"] = chargeId;
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        intent["payment_method_types"] = new JsonArray(methodType);
        events.Add(new("charge.succeeded", charge, null));
        events.Add(new("payment_intent.succeeded", intent, null));
    }

    private static void FailIntent(JsonObject intent, JsonObject error, List<PendingEvent> events)
    {
        intent["status"] = "requires_payment_method";
        intent["last_payment_error"] = error.DeepClone();
        events.Add(new("payment_intent.payment_failed", intent, null));
    }

    /// <summary>Stripe's standard US pricing: 2.9% + 30¢ a card charge, 0.8% capped at $5 a bank debit.</summary>
    private static long Fee(long amount, string methodType) =>
        methodType == "card" ? (long)Math.Round(amount * 0.029m, MidpointRounding.AwayFromZero) + 30 : Math.Min(500, (long)Math.Round(amount * 0.008m, MidpointRounding.AwayFromZero));

    private JsonObject CreateRefund(SandboxForm form, List<PendingEvent> events)
    {
        JsonObject charge;
        if (form["charge"] is { } chargeId) charge = _store.Get(chargeId, "charge", "charge", "charge");
        else if (form["payment_intent"] is { } intentId)
        {
            var intent = _store.Get(intentId, "payment_intent", "payment_intent", "payment_intent");
            if ((string?)intent["latest_charge"] is not { } latest)
                throw SandboxError.Invalid($"PaymentIntent {intentId} has no successful charge to refund.", "payment_intent", "charge_not_refundable");
            charge = _store.Get(latest, "charge", "charge");
        }
        else throw SandboxError.Invalid("One of charge or payment_intent is required.", "charge", "parameter_missing");

        var refundable = charge["amount"].Long() - charge["amount_refunded"].Long();
        if (refundable <= 0) throw SandboxError.Invalid($"Charge {(string)charge["id"]!} has already been refunded.", code: "charge_already_refunded");
        var amount = form.Long("amount") ?? refundable;
        if (amount <= 0) throw SandboxError.Invalid("Amount must be a positive integer.", "amount");
        if (amount > refundable)
            throw SandboxError.Invalid($"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable}).", "amount", "amount_too_large");
        if (form["reason"] is { } reason && reason is not ("duplicate" or "fraudulent" or "requested_by_customer"))
            throw SandboxError.Invalid("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer.", "reason");

        var currency = (string)charge["currency"]!;
        var refundId = SandboxStore.NewId("re");
        var txn = _store.Add(SandboxShapes.BalanceTransaction(SandboxStore.NewId("txn"), -amount, 0, currency, "refund", "refund", refundId, "REFUND FOR CHARGE", Now));
        var refund = _store.Add(SandboxShapes.Refund(refundId, (string)charge["id"]!, (string)charge["payment_intent"]!, amount, currency, form["reason"],
            Metadata(form, "metadata"), (string)txn["id"]!, Now));
        var previous = new JsonObject { ["amount_refunded"] = charge["amount_refunded"].Long(), ["refunded"] = (bool)charge["refunded"]! };
        charge["amount_refunded"] = charge["amount_refunded"].Long() + amount;
        charge["refunded"] = charge["amount_refunded"].Long() == charge["amount"].Long();
        events.Add(new("refund.created", refund, null));
        events.Add(new("charge.refunded", charge, previous));
        return refund;
    }

    private static JsonObject Metadata(SandboxForm form, string key) =>
        new(form.Map(key).Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value)));
}
