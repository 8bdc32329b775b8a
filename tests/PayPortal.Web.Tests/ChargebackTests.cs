using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure.Tests;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>
/// Card disputes as Stripe means them: an inquiry moves no money; a chargeback's money leaves when Stripe
/// withdraws it and comes back when Stripe reinstates it; refunds are told apart from chargebacks.
/// Stripe's own dispute objects come from the dj-stripe and stripe/openapi fixtures in ../shared.
/// </summary>
public class ChargebackTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private readonly StripeEventDelivery _stripe = new(factory);

    private Task<long> OpenOf(long invoiceId) => factory.WithDb(db => db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.OpenMinor).SingleAsync());
    private Task<Dispute> CaseOf(string disputeId) => factory.WithDb(db => db.Disputes.AsNoTracking().SingleAsync(d => d.StripeDisputeId == disputeId));

    private async Task AssertLedgerConsistent()
    {
        var check = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    /// <summary>A fixture's dispute, made about our payment: its id and payment intent replaced.</summary>
    private static JsonObject Fixture(string corpus, string file, string disputeId, string intentId)
    {
        var dispute = JsonNode.Parse(SharedTestData.Text("stripe", corpus, file))!.AsObject();
        dispute["id"] = disputeId;
        dispute["payment_intent"] = intentId;
        return dispute;
    }

    [CorpusFact]
    public async Task A_chargeback_takes_the_money_when_stripe_withdraws_it_and_gives_it_back_when_stripe_reinstates_it()
    {
        // dj-stripe's dispute: 10.00 usd, needs_response, with the withdrawal (-1000, fee 1500) among its balance transactions.
        var (_, invoiceId, open) = await _stripe.PaidAsync(DemoAccounts.Customer.Email, "pi_djstripe", 10_00);
        Assert.Equal(open - 10_00, await OpenOf(invoiceId));
        var withdrawn = Fixture("dj-stripe-fixtures", "dispute_dp_fakefakefakefake01.json", "dp_djstripe", "pi_djstripe");
        Assert.Contains("chargeback of 1000", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_dj1", "charge.dispute.created", withdrawn)));
        Assert.Equal(open, await OpenOf(invoiceId));
        // funds_withdrawn for the same withdrawal, a new event: nothing moves twice.
        Assert.Contains("no change", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_dj2", "charge.dispute.funds_withdrawn", withdrawn)));
        var chargeback = await CaseOf("dp_djstripe");
        Assert.Equal((DisputeKind.Chargeback, DisputeStatus.Open, 10_00L), (chargeback.Kind, chargeback.Status, chargeback.AmountMinor));

        // dj-stripe's "funds_reinstated_full": the withdrawal and its reversal (+1000): the money is back on the invoice.
        var reinstated = Fixture("dj-stripe-fixtures", "dispute_dp_funds_reinstated_full.json", "dp_djstripe", "pi_djstripe");
        Assert.Contains("received again", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_dj3", "charge.dispute.funds_reinstated", reinstated)));
        Assert.Equal(open - 10_00, await OpenOf(invoiceId));
        Assert.Contains("no change", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_dj4", "charge.dispute.updated", reinstated)));
        Assert.Equal(open - 10_00, await OpenOf(invoiceId));
        await AssertLedgerConsistent();
    }

    [CorpusFact]
    public async Task An_inquiry_takes_no_money_joins_the_queue_and_closes_without_a_chargeback()
    {
        // stripe/openapi's dispute fixture is an inquiry: warning_needs_response, no balance transactions.
        var (_, invoiceId, open) = await _stripe.PaidAsync(DemoAccounts.Customer.Email, "pi_inquiry");
        var inquiry = Fixture("openapi-fixtures", "dispute.json", "dp_inquiry", "pi_inquiry");
        inquiry["amount"] = 5_00;
        Assert.Contains("inquiry dp_inquiry recorded; no money moved", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_inq1", "charge.dispute.created", inquiry)));
        inquiry["status"] = "warning_under_review";
        Assert.Contains("no change", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_inq2", "charge.dispute.updated", inquiry)));
        Assert.Equal(open - 5_00, await OpenOf(invoiceId));
        Assert.Equal(0, await factory.WithDb(db => db.Refunds.CountAsync(r => r.ExternalReference!.Contains("dp_inquiry"))));
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var opened = await CaseOf("dp_inquiry");
        Assert.StartsWith("Card inquiry dp_inquiry", opened.Message);
        Assert.Contains($"/BackOffice/Disputes/Details/{opened.Id}\"", await specialist.GetStringAsync("/BackOffice/Disputes?reason=Chargeback"));
        Assert.Contains("No money has moved", await specialist.GetStringAsync($"/BackOffice/Disputes/Details/{opened.Id}"));

        inquiry["status"] = "warning_closed";
        Assert.Contains("chargeback dp_inquiry warning_closed", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_inq3", "charge.dispute.closed", inquiry)));
        var closed = await CaseOf("dp_inquiry");
        Assert.Equal((DisputeStatus.Won, "The inquiry closed without a chargeback."), (closed.Status, closed.Resolution));
        Assert.Equal(open - 5_00, await OpenOf(invoiceId));
        await AssertLedgerConsistent();
    }

    [Fact]
    public async Task A_refund_after_a_won_chargeback_takes_back_just_the_refund()
    {
        var (_, invoiceId, open) = await _stripe.PaidAsync(DemoAccounts.Customer.Email, "pi_won_then_refund");
        var dispute = new JsonObject
        {
            ["id"] = "dp_won_then_refund", ["object"] = "dispute", ["amount"] = 5_00, ["currency"] = "usd", ["status"] = "needs_response",
            ["reason"] = "fraudulent", ["charge"] = "ch_won_then_refund", ["payment_intent"] = "pi_won_then_refund",
        };
        Assert.Contains("chargeback of 500", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_wr1", "charge.dispute.funds_withdrawn", dispute)));
        dispute["status"] = "won";
        Assert.Contains("won", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_wr2", "charge.dispute.closed", dispute)));
        Assert.Equal(open - 5_00, await OpenOf(invoiceId));

        // Later 2.00 is refunded: Stripe's charge says amount_refunded 200, whatever the chargeback did.
        var charge = new JsonObject
        {
            ["id"] = "ch_won_then_refund", ["object"] = "charge", ["amount"] = 5_00, ["amount_captured"] = 5_00, ["amount_refunded"] = 2_00,
            ["currency"] = "usd", ["status"] = "succeeded", ["paid"] = true, ["refunded"] = false, ["payment_intent"] = "pi_won_then_refund", ["livemode"] = false,
        };
        Assert.Contains("refunded 200", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_wr3", "charge.refunded", charge)));
        Assert.Equal(open - 3_00, await OpenOf(invoiceId));
        await AssertLedgerConsistent();
    }

    /// <summary>A card payment through the sandbox's checkout page, as a customer makes it; returns its PaymentIntent.</summary>
    private async Task<(string Intent, long InvoiceId, long Open)> PaidThroughSandboxAsync(long amount)
    {
        var (portal, invoiceId, open) = await _stripe.PendingCheckoutAsync(DemoAccounts.OtherCustomer.Email, amount);
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var checkout = new Uri($"/stripe-sandbox/checkout/{portal.CheckoutSessionId}", UriKind.Relative);
        var paid = await PaymentTests.PayOnCheckoutPage(client, new Uri(new Uri("https://localhost"), checkout), "Card", ("CardNumber", "4242 4242 4242 4242"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, paid.StatusCode);
        var intent = await factory.WithDb(db => db.PortalPayments.Where(p => p.Id == portal.Id).Select(p => p.PaymentIntentId).SingleAsync());
        Assert.Equal(open - amount, await OpenOf(invoiceId));
        return (intent!, invoiceId, open);
    }

    [Fact]
    public async Task An_old_withdrawal_event_arriving_after_the_dispute_was_won_changes_nothing_because_stripe_is_asked_how_it_stands()
    {
        var (intent, invoiceId, open) = await PaidThroughSandboxAsync(6_00);
        var sandbox = factory.Services.GetRequiredService<StripeSandbox>();
        var disputed = (await sandbox.DisputeAsync(intent)).DeepClone().AsObject(); // created + funds_withdrawn, delivered to the app; kept as it was then
        Assert.Equal(open, await OpenOf(invoiceId));
        await sandbox.CloseDisputeAsync((string)disputed["id"]!, won: true); // funds_reinstated + closed
        Assert.Equal(open - 6_00, await OpenOf(invoiceId));

        // Stripe retries the first withdrawal event late (say, after a 500): its copy still shows the money gone.
        var late = await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_late_withdrawal_" + intent, "charge.dispute.funds_withdrawn", disputed));
        Assert.Contains("no change", late);
        Assert.Equal(open - 6_00, await OpenOf(invoiceId));
        Assert.Equal(DisputeStatus.Won, (await CaseOf((string)disputed["id"]!)).Status);
        await AssertLedgerConsistent();
    }

    [Fact]
    public async Task A_second_withdrawal_after_a_reinstatement_comes_off_the_receipt_that_brought_the_money_back()
    {
        var (_, invoiceId, open) = await _stripe.PaidAsync(DemoAccounts.Customer.Email, "pi_twice_withdrawn");
        JsonObject Dispute(string status, params long[] transactions) => new()
        {
            ["id"] = "dp_twice", ["object"] = "dispute", ["amount"] = 5_00, ["currency"] = "usd", ["status"] = status, ["reason"] = "fraudulent", ["payment_intent"] = "pi_twice_withdrawn",
            ["balance_transactions"] = new JsonArray(transactions.Select((t, i) => (JsonNode)new JsonObject { ["id"] = $"txn_twice_{i}", ["object"] = "balance_transaction", ["amount"] = t, ["currency"] = "usd", ["fee"] = 0 }).ToArray()),
        };
        Assert.Contains("chargeback of 500", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_tw1", "charge.dispute.funds_withdrawn", Dispute("needs_response", -5_00))));
        Assert.Contains("received again", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_tw2", "charge.dispute.funds_reinstated", Dispute("under_review", -5_00, 5_00))));
        Assert.Equal(open - 5_00, await OpenOf(invoiceId));
        // Pre-arbitration: Stripe withdraws the money again.
        Assert.Contains("chargeback of 500", await _stripe.DeliverAsync(StripeEventDelivery.Event("evt_tw3", "charge.dispute.funds_withdrawn", Dispute("needs_response", -5_00, 5_00, -5_00))));
        Assert.Equal(open, await OpenOf(invoiceId));
        Assert.Equal(2, await factory.WithDb(db => db.Refunds.CountAsync(r => r.DisputeId == "dp_twice")));
        await AssertLedgerConsistent();
    }
}
