using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The app with a switch that makes every call to Stripe fail as a network outage does.</summary>
public sealed class StripeOutageFactory : PayPortalFactory
{
    public bool StripeDown { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(StripeRegistration.HttpClientName).AddHttpMessageHandler(() => new Outage(this)));
    }

    private sealed class Outage(StripeOutageFactory factory) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            factory.StripeDown ? throw new HttpRequestException("Connection refused (api.stripe.com:443)") : base.SendAsync(request, ct);
    }
}

public class StripeOutageTests(StripeOutageFactory factory) : IClassFixture<StripeOutageFactory>
{
    [Fact]
    public async Task Cancelling_or_coming_back_while_stripe_is_down_says_so_and_leaves_the_payment_as_it_was()
    {
        var email = DemoAccounts.OtherCustomer.Email;
        var client = await factory.SignedInAs(email);
        var customerId = await factory.CustomerIdOf(email);
        var invoiceId = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 2_00 && i.AllowPartialPayment && i.DisputedMinor == 0)
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PaymentTests.StartPayment(client, false, (invoiceId, 2_00))).StatusCode);
        var portal = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync());

        factory.StripeDown = true;
        try
        {
            var page = $"/Portal/Pay/Return?payment={portal.Id}&cancelled=True";
            var back = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            Assert.Contains("We could not reach our payment provider", await back.Content.ReadAsStringAsync());

            var token = await client.AntiforgeryToken(page);
            var cancel = await client.PostAsync($"/Portal/Pay/Return?payment={portal.Id}&handler=Cancel", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Contains("We could not reach our payment provider to cancel", await cancel.Content.ReadAsStringAsync());
            Assert.Equal(PortalPaymentStatus.Pending, (await factory.WithDb(db => db.PortalPayments.SingleAsync(p => p.Id == portal.Id))).Status);

            // Starting a new checkout while Stripe is down fails with a sentence, not a 500.
            var start = await PaymentTests.StartPayment(client, false, (invoiceId, 1_00));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        }
        finally
        {
            factory.StripeDown = false;
        }
    }

    [Fact]
    public async Task An_event_stripe_cannot_be_asked_about_answers_500_records_nothing_and_applies_when_stripe_retries()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var customerId = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var invoiceId = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 2_00 && i.AllowPartialPayment && i.DisputedMinor == 0)
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PaymentTests.StartPayment(client, false, (invoiceId, 2_00))).StatusCode);
        var portal = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync());
        var intent = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "pi_while_down", ["object"] = "payment_intent", ["amount"] = 2_00, ["currency"] = "usd", ["status"] = "requires_payment_method",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { [PayPortal.Infrastructure.Payments.PortalCheckouts.MetadataKey] = portal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["livemode"] = false,
        };
        var body = StripeEventDelivery.Event("evt_while_down", "payment_intent.payment_failed", intent);
        var stripe = new StripeEventDelivery(factory);

        factory.StripeDown = true;
        try
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await stripe.PostAsync(body)).StatusCode);
        }
        finally
        {
            factory.StripeDown = false;
        }
        Assert.False(await factory.WithDb(db => db.StripeEvents.AnyAsync(e => e.EventId == "evt_while_down")));
        // Stripe's retry, once Stripe answers: the intent is not the checkout's, so it is ignored, and recorded once.
        Assert.Contains("is not the one checkout", await stripe.DeliverAsync(body));
        Assert.True(await factory.WithDb(db => db.StripeEvents.AnyAsync(e => e.EventId == "evt_while_down")));
    }
}
