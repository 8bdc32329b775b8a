using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Web.Tests;

/// <summary>Stripe events made by hand, signed with the app's webhook secret and posted to its webhook endpoint.</summary>
public sealed class StripeEventDelivery(PayPortalFactory factory)
{
    public static byte[] Event(string id, string type, JsonNode dataObject) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion, ["type"] = type, ["created"] = 1, ["livemode"] = false,
        ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString());

    /// <summary>A paid checkout session of <paramref name="portal"/>, through <paramref name="intentId"/>.</summary>
    public static JsonObject PaidSession(PortalPayment portal, string intentId) => new()
    {
        ["id"] = portal.CheckoutSessionId, ["object"] = "checkout.session", ["status"] = "complete", ["payment_status"] = "paid",
        ["amount_total"] = portal.AmountMinor, ["currency"] = portal.CurrencyCode.ToLowerInvariant(), ["payment_intent"] = intentId,
        ["metadata"] = new JsonObject { [PortalCheckouts.MetadataKey] = portal.Id.ToString(CultureInfo.InvariantCulture) }, ["livemode"] = false,
    };

    public Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new ByteArrayContent(body) };
        var secret = factory.Services.GetRequiredService<StripeSandbox>().WebhookSecret;
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        request.Headers.Add("Stripe-Signature", WebhookSigning.Header(body, secret, clock.GetUtcNow().ToUnixTimeSeconds()));
        return factory.Client().SendAsync(request);
    }

    /// <summary>Posts the event, expects 200, and returns what the books did with it.</summary>
    public async Task<string> DeliverAsync(byte[] body)
    {
        var response = await PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>A customer's checkout of 5.00 (or <paramref name="amount"/>) on their first open invoice without a discount, left pending.</summary>
    public async Task<(PortalPayment Portal, long InvoiceId, long OpenBefore)> PendingCheckoutAsync(string email, long amount = 5_00)
    {
        var client = await factory.SignedInAs(email);
        var customerId = await factory.CustomerIdOf(email);
        var today = DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var invoice = await factory.WithDb(db => db.Invoices
            .Where(i => i.CustomerId == customerId && i.OpenMinor >= amount && i.DisputedMinor == 0 && i.AllowPartialPayment
                        && (i.Status == Domain.Invoicing.InvoiceStatus.Open || i.Status == Domain.Invoicing.InvoiceStatus.PartiallyPaid)
                        && (i.DiscountDeadline == null || i.DiscountDeadline < today))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.OpenMinor }).FirstAsync());
        var started = await PaymentTests.StartPayment(client, false, (invoice.Id, amount));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, started.StatusCode);
        var portal = await factory.WithDb(db => db.PortalPayments.Include(p => p.Lines).OrderByDescending(p => p.Id).FirstAsync());
        return (portal, invoice.Id, invoice.OpenMinor);
    }

    /// <summary>A checkout like <see cref="PendingCheckoutAsync"/>, paid by card through <paramref name="intentId"/>.</summary>
    public async Task<(PortalPayment Portal, long InvoiceId, long OpenBefore)> PaidAsync(string email, string intentId, long amount = 5_00)
    {
        var (portal, invoiceId, open) = await PendingCheckoutAsync(email, amount);
        Assert.Contains("applied", await DeliverAsync(Event("evt_paid_" + intentId, "checkout.session.completed", PaidSession(portal, intentId))));
        return (portal, invoiceId, open);
    }
}
