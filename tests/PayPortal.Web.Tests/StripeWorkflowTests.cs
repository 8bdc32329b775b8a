using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Web.Tests;

/// <summary>The payment workflow around Stripe.net: cancelling, refunds by a manager, payouts, and events that do not belong to this portal.</summary>
public class StripeWorkflowTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private StripeSandbox Sandbox => factory.Services.GetRequiredService<StripeSandbox>();

    private async Task<(HttpClient Client, Uri Checkout, long InvoiceId, long Open)> StartAsync(string email, long? amount = null)
    {
        var client = await factory.SignedInAs(email);
        var customerId = await factory.CustomerIdOf(email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var invoice = await factory.WithDb(db => db.Invoices
            .Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.AllowPartialPayment && (i.DiscountDeadline == null || i.DiscountDeadline < today))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.OpenMinor }).FirstAsync());
        var (invoiceId, open) = (invoice.Id, invoice.OpenMinor);
        var started = await PaymentTests.StartPayment(client, false, (invoiceId, amount ?? open));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return (client, started.Headers.Location!, invoiceId, open);
    }

    private Task<long> OpenOf(long invoiceId) => factory.WithDb(db => db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.OpenMinor).SingleAsync());

    private Task<PortalPayment> LatestPortalPayment() => factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync());

    private static string SessionIdOf(Uri checkout) => checkout.AbsolutePath.Split('/')[^1];

    [Fact]
    public async Task Coming_back_through_stripes_cancel_link_changes_nothing_until_the_customer_posts_the_cancel_which_expires_the_session()
    {
        var (client, checkout, invoiceId, open) = await StartAsync(DemoAccounts.OtherCustomer.Email, 3_00);
        var portal = await LatestPortalPayment();

        var back = await client.GetStringAsync($"/Portal/Pay/Return?payment={portal.Id}&cancelled=True");
        Assert.Contains("Cancel this payment", back);
        Assert.Equal(PortalPaymentStatus.Pending, (await LatestPortalPayment()).Status);
        Assert.Equal("open", Sandbox.Find(SessionIdOf(checkout))!.Status);

        var token = await client.AntiforgeryToken($"/Portal/Pay/Return?payment={portal.Id}&cancelled=True");
        var cancelled = await client.PostAsync($"/Portal/Pay/Return?payment={portal.Id}&handler=Cancel", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("You cancelled the payment.", await cancelled.Content.ReadAsStringAsync());
        Assert.Equal(PortalPaymentStatus.Cancelled, (await factory.WithDb(db => db.PortalPayments.SingleAsync(p => p.Id == portal.Id))).Status);
        Assert.Equal("expired", Sandbox.Find(SessionIdOf(checkout))!.Status);

        // The expired page can no longer take money.
        var (outcome, _) = await Sandbox.PayWithCardAsync(SessionIdOf(checkout), "4242 4242 4242 4242");
        Assert.Equal(SandboxOutcome.AlreadyFinished, outcome);
        Assert.Equal(open, await OpenOf(invoiceId));
    }

    [Fact]
    public async Task Another_customer_cannot_cancel_a_payment_and_gets_404()
    {
        var (_, checkout, _, _) = await StartAsync(DemoAccounts.OtherCustomer.Email, 2_00);
        var portal = await LatestPortalPayment();
        var stranger = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var token = await stranger.AntiforgeryToken("/Portal");
        var response = await stranger.PostAsync($"/Portal/Pay/Return?payment={portal.Id}&handler=Cancel", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("open", Sandbox.Find(SessionIdOf(checkout))!.Status);
    }

    private static byte[] Event(string id, JsonObject dataObject, bool livemode = false, string? apiVersion = null) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = apiVersion ?? global::Stripe.StripeConfiguration.ApiVersion, ["type"] = "checkout.session.completed",
        ["created"] = 1, ["livemode"] = livemode, ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString());

    private async Task<HttpResponseMessage> DeliverAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new ByteArrayContent(body) };
        request.Headers.Add("Stripe-Signature", WebhookSigning.Header(body, Sandbox.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        return await factory.Client().SendAsync(request);
    }

    [Fact]
    public async Task A_live_mode_event_at_a_test_portal_and_an_event_of_another_api_version_are_refused_and_change_nothing()
    {
        var (_, _, invoiceId, open) = await StartAsync(DemoAccounts.Customer.Email, 4_00);
        var portal = await LatestPortalPayment();
        JsonObject Session() => new()
        {
            ["id"] = portal.CheckoutSessionId, ["object"] = "checkout.session", ["status"] = "complete", ["payment_status"] = "paid", ["amount_total"] = 4_00,
            ["currency"] = "usd", ["payment_intent"] = "pi_wrong_mode", ["livemode"] = true,
            ["metadata"] = new JsonObject { ["portal_payment_id"] = portal.Id.ToString(CultureInfo.InvariantCulture) },
        };

        var live = await DeliverAsync(Event("evt_live_" + portal.Id, Session(), livemode: true));
        Assert.Equal(HttpStatusCode.BadRequest, live.StatusCode);
        Assert.Contains("live-mode event", await live.Content.ReadAsStringAsync());

        var old = await DeliverAsync(Event("evt_old_" + portal.Id, Session(), apiVersion: "2024-06-20"));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("API version", await old.Content.ReadAsStringAsync());

        Assert.False(await factory.WithDb(db => db.StripeEvents.AnyAsync(e => e.EventId.EndsWith("_" + portal.Id))));
        Assert.Equal(PortalPaymentStatus.Pending, (await LatestPortalPayment()).Status);
        Assert.Equal(open, await OpenOf(invoiceId));
    }

    private async Task<(long PaymentId, long InvoiceId, long OpenAfterPaying)> PaidByCardAsync(long amount)
    {
        var (client, checkout, invoiceId, _) = await StartAsync(DemoAccounts.Customer.Email, amount);
        var paid = await PaymentTests.PayOnCheckoutPage(client, checkout, "Card", ("CardNumber", "4242 4242 4242 4242"));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var paymentId = (await factory.WithDb(db => db.PortalPayments.SingleAsync(p => p.CheckoutSessionId == SessionIdOf(checkout)))).PaymentId!.Value;
        return (paymentId, invoiceId, await OpenOf(invoiceId));
    }

    private static async Task<string> RefundTokenOn(HttpClient client, string page) =>
        System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync(page), "name=\"RequestToken\" value=\"([0-9a-f]{32})\"") is { Success: true } m
            ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No refund form on {page}");

    private static Task<HttpResponseMessage> Refund(HttpClient client, string page, string amount, string reason, string token) =>
        client.PostForm($"{page}?handler=Refund", new Dictionary<string, string> { ["Amount"] = amount, ["Reason"] = reason, ["RequestToken"] = token }, page);

    private Task<long> RefundedOf(long paymentId) => factory.WithDb(db => db.Payments.Where(p => p.Id == paymentId).Select(p => p.RefundedMinor).SingleAsync());

    [Fact]
    public async Task A_manager_refunds_part_of_a_card_payment_and_the_books_follow_stripes_charge_refunded()
    {
        var (paymentId, invoiceId, openAfterPaying) = await PaidByCardAsync(20_00);
        var page = $"/BackOffice/Payments/Details/{paymentId}";
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);

        var tooMuch = await Refund(manager, page, "20.01", "Customer asked", await RefundTokenOn(manager, page));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("At most USD 20.00", WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()));
        var noReason = await Refund(manager, page, "5.00", "", await RefundTokenOn(manager, page));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(openAfterPaying, await OpenOf(invoiceId));

        var refunded = await Refund(manager, page, "5.00", "Damaged goods credit", await RefundTokenOn(manager, page));
        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);
        var shown = WebUtility.HtmlDecode(await manager.GetStringAsync(page));
        Assert.Contains("USD 5.00 is being refunded", shown);
        // The books say why and who asked, not just that Stripe refunded.
        Assert.Contains($"Refunded through Stripe: Damaged goods credit ({DemoAccounts.Manager.Email})", shown);
        Assert.Equal(5_00, await RefundedOf(paymentId));
        Assert.Equal(openAfterPaying + 5_00, await OpenOf(invoiceId));
        var check = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    [Fact]
    public async Task The_same_refund_form_sent_twice_refunds_once_and_a_new_form_refunds_again()
    {
        var (paymentId, invoiceId, openAfterPaying) = await PaidByCardAsync(10_00);
        var page = $"/BackOffice/Payments/Details/{paymentId}";
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var token = await RefundTokenOn(manager, page);

        var both = await Task.WhenAll(Refund(manager, page, "3.00", "Double click", token), Refund(manager, page, "3.00", "Double click", token));
        Assert.Contains(both, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(3_00, await RefundedOf(paymentId));
        Assert.Equal(HttpStatusCode.Redirect, (await Refund(manager, page, "3.00", "Double click", token)).StatusCode);
        Assert.Equal(3_00, await RefundedOf(paymentId));

        Assert.Equal(HttpStatusCode.Redirect, (await Refund(manager, page, "3.00", "A second, separate refund", await RefundTokenOn(manager, page))).StatusCode);
        Assert.Equal(6_00, await RefundedOf(paymentId));
        Assert.Equal(openAfterPaying + 6_00, await OpenOf(invoiceId));
    }

    [Fact]
    public async Task A_specialist_sees_the_payment_but_cannot_refund_it()
    {
        var (paymentId, invoiceId, openAfterPaying) = await PaidByCardAsync(6_00);
        var page = $"/BackOffice/Payments/Details/{paymentId}";
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var html = await specialist.GetStringAsync(page);
        Assert.DoesNotContain("handler=Refund", html);
        var attempt = await Refund(specialist, page, "6.00", "Trying", Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        Assert.Contains("AccessDenied", attempt.Headers.Location!.ToString());
        Assert.Equal(openAfterPaying, await OpenOf(invoiceId));
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.GetAsync("/BackOffice/Payments/Details/987654")).StatusCode);
    }

    [Fact]
    public async Task A_payout_records_the_charges_stripe_says_it_carries()
    {
        var (paymentId, _, _) = await PaidByCardAsync(30_00);
        var intent = await factory.WithDb(db => db.Payments.Where(p => p.Id == paymentId).Select(p => p.Reference).SingleAsync());
        var payout = await Sandbox.PayOutAsync("usd");
        var payoutId = (string)payout["id"]!;
        var recorded = await factory.WithDb(db => db.StripePayouts.Include(p => p.Items).SingleAsync(p => p.PayoutId == payoutId));
        var item = Assert.Single(recorded.Items, i => i.PaymentIntentId == intent);
        Assert.Equal((30_00L, 1_17L, "charge"), (item.AmountMinor, item.FeeMinor, item.Type)); // Stripe's 2.9% + 30¢
        Assert.True(recorded.IsTest);
    }
}
