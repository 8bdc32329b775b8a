using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

// Customers and their saved payment methods, setup intents, card disputes, and the balance that pays out.
public sealed partial class StripeSandbox
{
    private JsonObject CreateCustomer(SandboxForm form, List<PendingEvent> events)
    {
        var customer = _store.Add(SandboxShapes.Customer(SandboxStore.NewId("cus"), form["email"], form["name"], Metadata(form, "metadata"), Now));
        events.Add(new("customer.created", customer, null));
        return customer;
    }

    private string NewPaymentMethod(TestCard card, string? customer)
    {
        var method = _store.Add(SandboxShapes.CardPaymentMethod(SandboxStore.NewId("pm"), card.Brand, card.Last4, customer, Now));
        var id = (string)method["id"]!;
        _cardOf[id] = card;
        return id;
    }

    /// <summary>A PaymentMethod id the sandbox made, or one of Stripe's test tokens (pm_card_visa …), which makes a new one.</summary>
    private string ResolvePaymentMethod(string idOrToken, string? customer)
    {
        if (TestCards.ByToken(idOrToken) is { } card) return NewPaymentMethod(card, customer);
        var method = _store.Get(idOrToken, "payment_method", "PaymentMethod", "payment_method");
        if ((string?)method["customer"] is { } owner && owner != customer)
            throw SandboxError.Invalid($"The PaymentMethod {idOrToken} belongs to customer {owner}.", "payment_method");
        return idOrToken;
    }

    private JsonObject RetrievePaymentMethod(string id)
    {
        if (TestCards.ByToken(id) is not null && _store.Find(id) is null)
        {
            // A test token retrieves like a fresh, unattached card.
            var card = TestCards.ByToken(id)!;
            var made = _store.Add(SandboxShapes.CardPaymentMethod(id, card.Brand, card.Last4, null, Now));
            _cardOf[id] = card;
            return made;
        }
        return _store.Get(id, "payment_method", "PaymentMethod");
    }

    private JsonObject AttachPaymentMethod(string id, SandboxForm form, List<PendingEvent> events)
    {
        var customer = form["customer"] ?? throw SandboxError.Missing("customer");
        _store.Get(customer, "customer", "customer", "customer");
        var methodId = TestCards.ByToken(id) is not null ? ResolvePaymentMethod(id, customer) : id;
        var method = _store.Get(methodId, "payment_method", "PaymentMethod");
        if ((string?)method["customer"] is { } owner && owner != customer)
            throw SandboxError.Invalid($"The payment method you provided has already been attached to a customer ({owner}).", code: "payment_method_unexpected_state");
        method["customer"] = customer;
        events.Add(new("payment_method.attached", method, null));
        return method;
    }

    private JsonObject DetachPaymentMethod(string id, List<PendingEvent> events)
    {
        var method = _store.Get(id, "payment_method", "PaymentMethod");
        if (method["customer"] is null) throw SandboxError.Invalid("The payment method you provided is not attached to a customer so detachment is impossible.", code: "payment_method_unexpected_state");
        method["customer"] = null;
        events.Add(new("payment_method.detached", method, null));
        return method;
    }

    private JsonObject CreateSetupIntent(SandboxForm form, List<PendingEvent> events)
    {
        var customer = form["customer"];
        if (customer is not null) _store.Get(customer, "customer", "customer", "customer");
        var intent = _store.Add(SandboxShapes.SetupIntent(SandboxStore.NewId("seti"), customer, Metadata(form, "metadata"),
            form.List("payment_method_types").DefaultIfEmpty("card"), form["usage"] ?? "off_session", Now));
        events.Add(new("setup_intent.created", intent, null));
        return form.Bool("confirm") ? ConfirmSetupIntent(intent, form, events) : intent;
    }

    /// <summary>Saves the card for later: it is attached to the intent's customer (authentication, if the card wants it, happens here, on session).</summary>
    private JsonObject ConfirmSetupIntent(JsonObject intent, SandboxForm form, List<PendingEvent> events)
    {
        if ((string?)intent["status"] == "succeeded") throw SandboxError.Invalid("This SetupIntent has already succeeded.", code: "setup_intent_unexpected_state");
        var given = form["payment_method"] ?? (string?)intent["payment_method"] ?? throw SandboxError.Missing("payment_method");
        var customer = (string?)intent["customer"];
        var methodId = ResolvePaymentMethod(given, customer);
        if (!_cardOf.TryGetValue(methodId, out var card))
            throw SandboxError.Invalid($"The sandbox saves only its test cards; {methodId} is not one.", "payment_method", "payment_method_unexpected_state");
        if (card.Behaviour is CardBehaviour.Declined or CardBehaviour.InsufficientFunds)
        {
            var decline = card.Decline(offSession: false)!;
            intent["status"] = "requires_payment_method";
            intent["last_setup_error"] = decline.DeepClone();
            events.Add(new("setup_intent.setup_failed", intent, null));
            throw new SandboxError(System.Net.HttpStatusCode.PaymentRequired,
                SandboxShapes.Error("card_error", (string?)decline["code"], null, (string)decline["message"]!, (string?)decline["decline_code"]));
        }
        if (customer is not null) _store.Get(methodId, "payment_method", "PaymentMethod")["customer"] = customer;
        intent["payment_method"] = methodId;
        intent["status"] = "succeeded";
        intent["last_setup_error"] = null;
        events.Add(new("setup_intent.succeeded", intent, null));
        return intent;
    }

    /// <summary>
    /// Pays out the whole available balance in a currency, as an automatic payout does: every balance
    /// transaction not yet paid out (charges less their fees, refunds, dispute withdrawals) goes into it.
    /// </summary>
    private JsonObject CreatePayout(string currency, long? requestedAmount, List<PendingEvent> events)
    {
        var pending = _store.All("balance_transaction")
            .Where(t => (string?)t["currency"] == currency && (string?)t["type"] != "payout" && !_paidOutBy.ContainsKey((string)t["id"]!)).ToList();
        var available = pending.Sum(t => t["net"].Long());
        if (available <= 0) throw SandboxError.Invalid($"There is no available {currency} balance to pay out.", "amount", "balance_insufficient");
        if (requestedAmount is { } asked && asked != available)
            throw SandboxError.Invalid($"The sandbox pays out the whole available balance: {available} {currency}, not {asked}.", "amount", "amount_too_large");
        var payoutId = SandboxStore.NewId("po");
        var txn = _store.Add(SandboxShapes.BalanceTransaction(SandboxStore.NewId("txn"), -available, 0, currency, "payout", "payout", payoutId, "STRIPE PAYOUT", Now));
        foreach (var t in pending) _paidOutBy[(string)t["id"]!] = payoutId;
        _paidOutBy[(string)txn["id"]!] = payoutId;
        var arrival = clock.GetUtcNow().UtcDateTime.Date.AddDays(2);
        var payout = _store.Add(SandboxShapes.Payout(payoutId, available, currency, (string)txn["id"]!, new DateTimeOffset(arrival, TimeSpan.Zero).ToUnixTimeSeconds(), Now));
        events.Add(new("payout.created", payout, null));
        events.Add(new("payout.paid", payout, null));
        return payout;
    }

    /// <summary>
    /// The cardholder's bank disputes a card payment. An inquiry (<c>warning_needs_response</c>) moves no
    /// money; a chargeback withdraws the amount and Stripe's $15 fee from the balance.
    /// </summary>
    private JsonObject OpenDispute(string paymentIntentId, string reason, bool inquiry, List<PendingEvent> events)
    {
        var intent = _store.Get(paymentIntentId, "payment_intent", "payment_intent");
        var chargeId = (string?)intent["latest_charge"] ?? throw SandboxError.Invalid($"PaymentIntent {paymentIntentId} has no charge to dispute.");
        var charge = _store.Get(chargeId, "charge", "charge");
        var amount = charge["amount"].Long() - charge["amount_refunded"].Long();
        var currency = (string)charge["currency"]!;
        var dispute = _store.Add(SandboxShapes.Dispute(SandboxStore.NewId("dp"), chargeId, paymentIntentId, amount, currency, reason,
            inquiry ? "warning_needs_response" : "needs_response", Now + 14 * 86_400, Now));
        charge["disputed"] = true;
        events.Add(new("charge.dispute.created", dispute, null));
        if (!inquiry)
        {
            var txn = _store.Add(SandboxShapes.BalanceTransaction(SandboxStore.NewId("txn"), -amount, 1500, currency, "adjustment", "dispute", (string)dispute["id"]!, "Chargeback withdrawal", Now));
            dispute["balance_transactions"]!.AsArray().Add(txn.DeepClone());
            events.Add(new("charge.dispute.funds_withdrawn", dispute, null));
        }
        return dispute;
    }

    private JsonObject CloseDispute(string disputeId, bool won, List<PendingEvent> events)
    {
        var dispute = _store.Get(disputeId, "dispute", "dispute");
        var status = (string)dispute["status"]!;
        if (status is "won" or "lost" or "warning_closed") throw SandboxError.Invalid($"Dispute {disputeId} is already closed ({status}).");
        var inquiry = status.StartsWith("warning_", StringComparison.Ordinal);
        dispute["status"] = inquiry ? "warning_closed" : won ? "won" : "lost";
        if (won && !inquiry)
        {
            var amount = dispute["amount"].Long();
            var txn = _store.Add(SandboxShapes.BalanceTransaction(SandboxStore.NewId("txn"), amount, -1500, (string)dispute["currency"]!, "adjustment", "dispute_reversal", disputeId, "Chargeback reversal", Now));
            dispute["balance_transactions"]!.AsArray().Add(txn.DeepClone());
            events.Add(new("charge.dispute.funds_reinstated", dispute, null));
        }
        events.Add(new("charge.dispute.closed", dispute, null));
        return dispute;
    }

    // ---- Tester controls (the sandbox's stand-ins for what a bank or Stripe would do on its own) -------

    /// <summary>The cardholder disputes the payment (an inquiry, or a chargeback that takes the money back).</summary>
    public Task<JsonObject> DisputeAsync(string paymentIntentId, string reason = "fraudulent", bool inquiry = false, CancellationToken ct = default) =>
        ChangeAsync(events => OpenDispute(paymentIntentId, reason, inquiry, events), [], null, ct);

    /// <summary>The bank decides the dispute.</summary>
    public Task<JsonObject> CloseDisputeAsync(string disputeId, bool won, CancellationToken ct = default) =>
        ChangeAsync(events => CloseDispute(disputeId, won, events), [], null, ct);

    /// <summary>Stripe's automatic payout of everything available in a currency.</summary>
    public Task<JsonObject> PayOutAsync(string currency = "usd", CancellationToken ct = default) =>
        ChangeAsync(events => CreatePayout(currency.ToLowerInvariant(), null, events), [], null, ct);
}
