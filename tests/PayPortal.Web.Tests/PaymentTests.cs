using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Web.Tests;

/// <summary>Paying invoices through Stripe Checkout (the built-in sandbox) and applying only what signed webhooks confirm.</summary>
public class PaymentTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private sealed record InvoiceState(long Id, string Number, long Open, InvoiceStatus Status, bool AllowPartial, decimal DiscountPercent, DateOnly? DiscountDeadline);

    private async Task<List<InvoiceState>> OpenInvoicesOf(string email) =>
        await factory.WithDb(async db =>
        {
            var customerId = await db.Users.Where(u => u.Email == email).Select(u => u.CustomerId).SingleAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.Status != InvoiceStatus.Void
                                                && (i.DiscountDeadline == null || i.DiscountDeadline < today))
                .OrderBy(i => i.Id).Select(i => new InvoiceState(i.Id, i.Number!, i.OpenMinor, i.Status, i.AllowPartialPayment, i.DiscountPercent, i.DiscountDeadline)).ToListAsync();
        });

    private Task<InvoiceState> Invoice(long id) => factory.WithDb(db => db.Invoices.Where(i => i.Id == id)
        .Select(i => new InvoiceState(i.Id, i.Number!, i.OpenMinor, i.Status, i.AllowPartialPayment, i.DiscountPercent, i.DiscountDeadline)).SingleAsync());

    private static string Decimal(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Chooses invoices and amounts and starts checkout; returns the response (a redirect to the checkout page on success).</summary>
    private static Task<HttpResponseMessage> StartPayment(HttpClient client, params (long Id, long AmountMinor)[] lines) => StartPayment(client, false, lines);

    internal static async Task<HttpResponseMessage> StartPayment(HttpClient client, bool useCredits, params (long Id, long AmountMinor)[] lines)
    {
        var query = string.Join('&', lines.Select(l => $"invoice={l.Id}"));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (id, amount) in lines)
        {
            fields.Add(new("invoice", id.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new($"Amounts[{id}]", Decimal(amount)));
        }
        if (useCredits) fields.Add(new("UseCredits", "true"));
        fields.Add(new("__RequestVerificationToken", await client.AntiforgeryToken("/Portal")));
        return await client.PostAsync($"/Portal/Pay?{query}", new FormUrlEncodedContent(fields));
    }

    internal static async Task<HttpResponseMessage> PayOnCheckoutPage(HttpClient client, Uri checkout, string handler, params (string, string)[] fields)
    {
        var token = await client.AntiforgeryToken(checkout.PathAndQuery);
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync($"{checkout.PathAndQuery}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private Task<LedgerCheckResult> Ledger() => factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());

    [Fact]
    public async Task A_customer_pays_two_invoices_one_partially_by_card_and_both_are_applied_once_stripe_confirms()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var open = await OpenInvoicesOf(DemoAccounts.Customer.Email);
        var (full, part) = (open[0], open[1]);

        var started = await StartPayment(client, (full.Id, full.Open), (part.Id, 10_00));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var checkout = started.Headers.Location!;
        Assert.StartsWith("/stripe-sandbox/checkout/cs_test_sbx_", checkout.AbsolutePath);
        var page = await client.GetStringAsync(checkout.PathAndQuery);
        Assert.Contains("TEST MODE", page);
        Assert.Contains($"Invoice {full.Number}", page);

        var paid = await PayOnCheckoutPage(client, checkout, "Card", ("CardNumber", "4242 4242 4242 4242"));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var back = await client.GetStringAsync(paid.Headers.Location!.PathAndQuery);
        Assert.Contains("your payment went through", back);
        Assert.Contains("Test payment", back);
        Assert.Matches(@"Payment received \(pi_test_sbx_\w+\) \(test money\)", await client.GetStringAsync("/Portal/Statement"));

        Assert.Equal((0L, InvoiceStatus.Paid), ((await Invoice(full.Id)).Open, (await Invoice(full.Id)).Status));
        Assert.Equal((part.Open - 10_00, InvoiceStatus.PartiallyPaid), ((await Invoice(part.Id)).Open, (await Invoice(part.Id)).Status));
        var payment = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).Select(p => new { p.Status, p.PaymentId, Ar = db.Payments.Single(x => x.Id == p.PaymentId) }).FirstAsync());
        Assert.Equal(PortalPaymentStatus.Succeeded, payment.Status);
        Assert.True(payment.Ar.IsTest);
        Assert.Equal(full.Open + 10_00, payment.Ar.AmountMinor);
        Assert.Equal(0, payment.Ar.UnappliedMinor);
        var check = await Ledger();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));

        // The receipt went out by email with its PDF, and is on the customer's communication log.
        var receipt = await WaitForSentReceipt(payment.PaymentId!.Value);
        Assert.Equal(DemoAccounts.Customer.Email, receipt.To);
        Assert.StartsWith("[TEST] Receipt R-", receipt.Subject);
        Assert.Contains(full.Number, receipt.TextBody);
        var pdf = Assert.Single(receipt.Attachments);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf.Content, 0, 5));
        Assert.True(await factory.WithDb(db => db.CommunicationLog.AnyAsync(l => l.OutboxMessageId == receipt.Id)));
        Assert.Contains(Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)),
            m => m.Subject == receipt.Subject && m.Attachments.Any(a => a.ContentDisposition?.FileName?.StartsWith("receipt-R-") == true));
    }

    private async Task<PayPortal.Infrastructure.Outbox.OutboxMessage> WaitForSentReceipt(long paymentId)
    {
        var subject = $"Receipt R-{paymentId:D6}";
        for (var i = 0; i < 100; i++)
        {
            var message = await factory.WithDb(db => db.Outbox.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Subject.Contains(subject) && m.SentAt != null));
            if (message is not null) return message;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No sent receipt '{subject}' in the outbox.");
    }

    [Fact]
    public async Task A_declined_card_leaves_every_invoice_open_and_says_so()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var invoice = (await OpenInvoicesOf(DemoAccounts.OtherCustomer.Email))[0];
        var checkout = (await StartPayment(client, (invoice.Id, invoice.Open))).Headers.Location!;

        var declined = await PayOnCheckoutPage(client, checkout, "Card", ("CardNumber", "4000 0000 0000 0002"));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("Your card was declined.", await declined.Content.ReadAsStringAsync());
        Assert.Equal(invoice.Open, (await Invoice(invoice.Id)).Open);

        var portal = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal(PortalPaymentStatus.Pending, portal.Status);
        var back = await client.GetStringAsync($"/Portal/Pay/Return?payment={portal.Id}");
        Assert.Contains("The payment is not complete.", back);
        Assert.Contains("Your card was declined.", back);
    }

    [Fact]
    public async Task A_bank_debit_shows_processing_and_is_applied_only_when_it_clears()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var invoice = (await OpenInvoicesOf(DemoAccounts.OtherCustomer.Email))[^1];
        var checkout = (await StartPayment(client, (invoice.Id, invoice.Open))).Headers.Location!;

        var submitted = await PayOnCheckoutPage(client, checkout, "Bank");
        Assert.Contains("Your bank payment is processing.", await client.GetStringAsync(submitted.Headers.Location!.PathAndQuery));
        Assert.Equal(invoice.Open, (await Invoice(invoice.Id)).Open);

        var token = await client.AntiforgeryToken(checkout.PathAndQuery);
        var cleared = await client.PostAsync($"{checkout.PathAndQuery}?handler=Settle&succeeds=true", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("your payment went through", await client.GetStringAsync(cleared.Headers.Location!.PathAndQuery));
        Assert.Equal(0L, (await Invoice(invoice.Id)).Open);
    }

    [Fact]
    public async Task An_invoice_a_bank_debit_is_still_paying_shows_payment_in_progress_and_is_not_offered_again_until_the_debit_fails()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var invoice = (await OpenInvoicesOf(DemoAccounts.OtherCustomer.Email))[0];
        var checkout = (await StartPayment(client, (invoice.Id, invoice.Open))).Headers.Location!;
        await PayOnCheckoutPage(client, checkout, "Bank");

        var list = await client.GetStringAsync("/Portal/Invoices");
        Assert.Contains($"id=\"in-progress-{invoice.Id}\"", list);
        Assert.DoesNotContain($"value=\"{invoice.Id}\" aria-label", list);
        var home = await client.GetStringAsync("/Portal");
        Assert.Contains($"id=\"in-progress-{invoice.Id}\"", home);
        Assert.DoesNotContain($"id=\"select-{invoice.Id}\"", home);
        Assert.Contains("A payment is in progress for invoice " + invoice.Number, await client.GetStringAsync($"/Portal/Pay?invoice={invoice.Id}"));
        var attempts = await factory.WithDb(db => db.PortalPayments.CountAsync());
        var again = await StartPayment(client, (invoice.Id, invoice.Open));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("One of the invoices cannot be paid here.", await again.Content.ReadAsStringAsync());
        Assert.Equal(attempts, await factory.WithDb(db => db.PortalPayments.CountAsync()));

        // The bank says no: the invoice is offered again.
        var token = await client.AntiforgeryToken(checkout.PathAndQuery);
        await client.PostAsync($"{checkout.PathAndQuery}?handler=Settle&succeeds=false", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.DoesNotContain($"id=\"in-progress-{invoice.Id}\"", await client.GetStringAsync("/Portal/Invoices"));
        Assert.Equal(HttpStatusCode.Redirect, (await StartPayment(client, (invoice.Id, invoice.Open))).StatusCode);
    }

    [Fact]
    public async Task Overpaying_another_accounts_invoice_a_bad_amount_or_a_paid_invoice_is_refused_and_nothing_starts()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = (await OpenInvoicesOf(DemoAccounts.Customer.Email))[^1];
        var theirs = (await OpenInvoicesOf(DemoAccounts.OtherCustomer.Email))[0];
        var paid = await factory.WithDb(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Paid && i.Customer!.Number == "C1001").Select(i => i.Id).FirstAsync());
        var before = await factory.WithDb(db => db.PortalPayments.CountAsync());

        async Task<string> Refused(params (long, long)[] lines)
        {
            var response = await StartPayment(client, lines);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains($"Invoice {mine.Number} has only", await Refused((mine.Id, mine.Open + 1)));
        Assert.Contains("cannot be paid here", await Refused((theirs.Id, 1_00)));
        Assert.Contains("cannot be paid here", await Refused((paid, 1_00)));
        Assert.Contains("Enter an amount above zero", await Refused((mine.Id, 0)));

        var tampered = await client.PostAsync($"/Portal/Pay?invoice={mine.Id}", new FormUrlEncodedContent(
        [
            new("invoice", mine.Id.ToString(CultureInfo.InvariantCulture)), new($"Amounts[{mine.Id}]", "12.345"),
            new("__RequestVerificationToken", await client.AntiforgeryToken("/Portal")),
        ]));
        Assert.Contains("has more than 2 decimals", await tampered.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.WithDb(db => db.PortalPayments.CountAsync()));
        Assert.Equal(mine.Open, (await Invoice(mine.Id)).Open);
    }

    [Fact]
    public async Task Another_accounts_payment_status_is_404()
    {
        var (theirs, _) = await PendingCheckout(DemoAccounts.OtherCustomer.Email);
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Pay/Return?payment={theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Portal/Pay/Return?payment=987654")).StatusCode);
    }

    // ---- The webhook endpoint itself -------------------------------------------------------------------

    private async Task<(PortalPayment Portal, InvoiceState Invoice)> PendingCheckout(string email)
    {
        var client = await factory.SignedInAs(email);
        var invoice = (await OpenInvoicesOf(email))[0];
        Assert.Equal(HttpStatusCode.Redirect, (await StartPayment(client, (invoice.Id, 5_00))).StatusCode);
        return (await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync()), invoice);
    }

    private static byte[] CompletedEvent(string eventId, PortalPayment portal, string intentId = "pi_test_webhook") => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = eventId, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion, ["type"] = "checkout.session.completed", ["created"] = 1, ["livemode"] = false,
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = portal.CheckoutSessionId, ["object"] = "checkout.session", ["status"] = "complete", ["payment_status"] = "paid",
                ["amount_total"] = portal.AmountMinor, ["currency"] = portal.CurrencyCode.ToLowerInvariant(), ["payment_intent"] = intentId,
                ["metadata"] = new JsonObject { [PortalCheckouts.MetadataKey] = portal.Id.ToString(CultureInfo.InvariantCulture) }, ["livemode"] = false,
            },
        },
    }.ToJsonString());

    private HttpRequestMessage Delivery(byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new ByteArrayContent(body) };
        if (signature is not null) request.Headers.Add("Stripe-Signature", signature);
        return request;
    }

    private string Sign(byte[] body, DateTimeOffset? at = null) =>
        WebhookSigning.Header(body, factory.Services.GetRequiredService<StripeSandbox>().WebhookSecret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    private Task<int> AppliedPaymentsFor(long portalId) => factory.WithDb(db => db.PortalPayments.Where(p => p.Id == portalId && p.PaymentId != null).CountAsync());

    [Fact]
    public async Task Unsigned_wrongly_signed_and_stale_webhooks_are_refused_and_change_nothing()
    {
        var (portal, invoice) = await PendingCheckout(DemoAccounts.Customer.Email);
        var body = CompletedEvent("evt_bad_" + portal.Id, portal);
        var client = factory.Client();
        var wrongSecret = WebhookSigning.Header(body, "whsec_not_ours", DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Delivery(body, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Delivery(body, wrongSecret))).StatusCode);
        var stale = await client.SendAsync(Delivery(body, Sign(body, DateTimeOffset.UtcNow.AddMinutes(-6))));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("tolerance", await stale.Content.ReadAsStringAsync());
        var tampered = body.ToArray();
        var signature = Sign(body);
        tampered[^3] ^= 1;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Delivery(tampered, signature))).StatusCode);

        Assert.Equal(0, await AppliedPaymentsFor(portal.Id));
        Assert.Equal(invoice.Open, (await Invoice(invoice.Id)).Open);
        Assert.False(await factory.WithDb(db => db.StripeEvents.AnyAsync(e => e.EventId == "evt_bad_" + portal.Id)));
    }

    [Fact]
    public async Task Twenty_parallel_deliveries_and_a_later_replay_of_one_event_apply_the_payment_once()
    {
        var (portal, invoice) = await PendingCheckout(DemoAccounts.Customer.Email);
        var body = CompletedEvent("evt_parallel_" + portal.Id, portal);
        var signature = Sign(body);
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => factory.Client().SendAsync(Delivery(body, signature))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var replay = await factory.Client().SendAsync(Delivery(body, Sign(body)));
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync());

        Assert.Equal(1, await AppliedPaymentsFor(portal.Id));
        Assert.Equal(1, await factory.WithDb(db => db.StripeEvents.CountAsync(e => e.EventId == "evt_parallel_" + portal.Id)));
        Assert.Equal(1, await factory.WithDb(db => db.Payments.CountAsync(p => p.Reference == "pi_test_webhook" && p.AmountMinor == 5_00 && p.CustomerId == portal.CustomerId && db.PortalPayments.Any(x => x.Id == portal.Id && x.PaymentId == p.Id))));
        Assert.Equal(invoice.Open - 5_00, (await Invoice(invoice.Id)).Open);
        var check = await Ledger();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    private static byte[] Event(string id, string type, JsonObject dataObject) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion, ["type"] = type, ["created"] = 1, ["livemode"] = false, ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString());

    private async Task<string> Deliver(byte[] body)
    {
        var response = await factory.Client().SendAsync(Delivery(body, Sign(body)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Refunds_reopen_exactly_the_refunded_amount_once_even_when_stripe_reports_them_cumulatively()
    {
        var (portal, invoice) = await PendingCheckout(DemoAccounts.Customer.Email);
        var intent = "pi_refund_" + portal.Id;
        await Deliver(CompletedEvent("evt_paid_" + portal.Id, portal, intent));
        Assert.Equal(invoice.Open - 5_00, (await Invoice(invoice.Id)).Open);

        JsonObject Charge(long refunded) => new()
        {
            ["id"] = "ch_" + portal.Id, ["object"] = "charge", ["amount"] = 5_00, ["amount_captured"] = 5_00, ["amount_refunded"] = refunded,
            ["currency"] = "usd", ["status"] = "succeeded", ["paid"] = true, ["refunded"] = refunded == 5_00, ["payment_intent"] = intent, ["livemode"] = false,
        };
        Assert.Contains("refunded 200", await Deliver(Event("evt_r1_" + portal.Id, "charge.refunded", Charge(2_00))));
        Assert.Equal(invoice.Open - 3_00, (await Invoice(invoice.Id)).Open);
        Assert.Contains("duplicate", await Deliver(Event("evt_r1_" + portal.Id, "charge.refunded", Charge(2_00))));
        Assert.Contains("no change", await Deliver(Event("evt_r1b_" + portal.Id, "charge.refunded", Charge(2_00)))); // same state, new event id
        Assert.Contains("refunded 300", await Deliver(Event("evt_r2_" + portal.Id, "charge.refunded", Charge(5_00))));
        Assert.Equal(invoice.Open, (await Invoice(invoice.Id)).Open);

        var payment = await factory.WithDb(db => db.Payments.SingleAsync(p => p.Reference == intent));
        Assert.Equal((5_00L, 0L), (payment.RefundedMinor, payment.UnappliedMinor));
        var check = await Ledger();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    [Fact]
    public async Task A_card_chargeback_reopens_the_invoice_when_stripe_withdraws_the_funds_and_is_recorded_once()
    {
        var (portal, invoice) = await PendingCheckout(DemoAccounts.Customer.Email);
        var intent = "pi_dispute_" + portal.Id;
        await Deliver(CompletedEvent("evt_paid2_" + portal.Id, portal, intent));
        var dispute = new JsonObject
        {
            ["id"] = "dp_" + portal.Id, ["object"] = "dispute", ["amount"] = 5_00, ["currency"] = "usd", ["status"] = "needs_response",
            ["reason"] = "fraudulent", ["charge"] = "ch_x", ["payment_intent"] = intent,
            ["evidence_details"] = new JsonObject { ["due_by"] = 1_900_000_000 },
        };
        // The case is opened at once; the money leaves when Stripe says it withdrew it.
        Assert.Contains("recorded; money leaves when Stripe withdraws it", await Deliver(Event("evt_d1_" + portal.Id, "charge.dispute.created", dispute)));
        Assert.Equal(invoice.Open - 5_00, (await Invoice(invoice.Id)).Open);
        Assert.Contains("chargeback of 500", await Deliver(Event("evt_d2_" + portal.Id, "charge.dispute.funds_withdrawn", dispute)));
        Assert.Contains("no change", await Deliver(Event("evt_d2b_" + portal.Id, "charge.dispute.funds_withdrawn", dispute)));
        Assert.Equal(invoice.Open, (await Invoice(invoice.Id)).Open);
        var refund = await factory.WithDb(db => db.Refunds.SingleAsync(r => r.DisputeId == "dp_" + portal.Id));
        Assert.Contains("Chargeback", refund.Reason);

        // The chargeback joins the dispute queue with Stripe's evidence deadline.
        var chargeback = await factory.WithDb(db => db.Disputes.SingleAsync(d => d.StripeDisputeId == "dp_" + portal.Id));
        Assert.Equal((PayPortal.Domain.Disputes.DisputeKind.Chargeback, invoice.Id, 5_00L), (chargeback.Kind, chargeback.InvoiceId, chargeback.AmountMinor));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000).UtcDateTime, chargeback.EvidenceDueBy);
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Contains("evidence due 2030-03-17", await staff.GetStringAsync("/BackOffice/Disputes?reason=Chargeback"));

        // The bank decides for us: the money comes back onto the invoice.
        dispute["status"] = "won";
        Assert.Contains("won", await Deliver(Event("evt_d3_" + portal.Id, "charge.dispute.closed", dispute)));
        Assert.Contains("no change", await Deliver(Event("evt_d4_" + portal.Id, "charge.dispute.closed", dispute)));
        Assert.Equal(invoice.Open - 5_00, (await Invoice(invoice.Id)).Open);
        Assert.Equal(PayPortal.Domain.Disputes.DisputeStatus.Won, await factory.WithDb(db => db.Disputes.Where(d => d.Id == chargeback.Id).Select(d => d.Status).SingleAsync()));
        var check = await Ledger();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    [Fact]
    public async Task An_event_for_an_unknown_object_is_acknowledged_and_recorded()
    {
        var body = Event("evt_unknown_1", "checkout.session.completed", new JsonObject { ["id"] = "cs_nobody", ["object"] = "checkout.session", ["payment_status"] = "paid", ["livemode"] = false });
        var response = await factory.Client().SendAsync(Delivery(body, Sign(body)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored: unknown checkout session cs_nobody", await response.Content.ReadAsStringAsync());
    }
}
