using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class ManagerSettlesStripeEventTests(PortalServer server)
{
    [Fact]
    public async Task An_event_the_books_refused_waits_on_the_stripe_events_page_until_a_manager_settles_it()
    {
        // A customer opens a checkout for one invoice.
        var customer = await server.NewPageAsync();
        await customer.SignInAsync(DemoAccounts.OtherCustomer.Email, DemoAccounts.Password);
        var row = customer.Locator("#open-invoices tbody tr").Filter(new() { HasText = "Open", Has = customer.GetByRole(AriaRole.Checkbox) }).First;
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Pay selected invoices" }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Expect(customer.GetByLabel("Card number")).ToBeVisibleAsync();

        // Stripe then says that checkout was paid, but for another amount: the books refuse to apply it.
        PortalPayment portal;
        await using (var scope = server.Services.CreateAsyncScope())
            portal = await scope.ServiceProvider.GetRequiredService<PayPortalDbContext>().PortalPayments.OrderByDescending(p => p.Id).FirstAsync();
        var eventId = "evt_e2e_wrong_amount_" + portal.Id;
        var body = new JsonObject
        {
            ["id"] = eventId, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion, ["type"] = "checkout.session.completed", ["created"] = 1, ["livemode"] = false,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = portal.CheckoutSessionId, ["object"] = "checkout.session", ["status"] = "complete", ["payment_status"] = "paid",
                    ["amount_total"] = portal.AmountMinor + 1_00, ["currency"] = portal.CurrencyCode.ToLowerInvariant(), ["payment_intent"] = "pi_e2e_wrong_amount", ["livemode"] = false,
                    ["metadata"] = new JsonObject { [PortalCheckouts.MetadataKey] = portal.Id.ToString(CultureInfo.InvariantCulture) },
                },
            },
        }.ToJsonString();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = global::Stripe.EventUtility.ComputeSignature(server.Services.GetRequiredService<StripeSandbox>().WebhookSecret, t, body);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", $"t={t},v1={signature}");
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // The manager finds it with its reason, and settles it by hand.
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Stripe events" }).ClickAsync();
        var waiting = page.Locator("#needs-attention tbody tr").Filter(new() { HasText = eventId });
        await Expect(waiting).ToContainTextAsync(new Regex($"refused: session .* portal payment {portal.Id}"));
        await page.AssertAccessibleAsync();

        await waiting.GetByRole(AriaRole.Button, new() { Name = "Apply again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("was not applied");
        await page.Locator("#needs-attention tbody tr").Filter(new() { HasText = eventId }).GetByLabel("How it was settled").FillAsync("Asked Stripe support; the customer was not charged");
        await page.Locator("#needs-attention tbody tr").Filter(new() { HasText = eventId }).GetByRole(AriaRole.Button, new() { Name = "Mark settled" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Event {eventId} marked as settled by hand.");
        await Expect(page.Locator("#recent-events tbody tr").Filter(new() { HasText = eventId })).ToContainTextAsync("Resolved by " + DemoAccounts.Manager.Email);
        await page.AssertAccessibleAsync();
    }
}
