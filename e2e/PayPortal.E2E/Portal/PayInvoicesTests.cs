using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.Portal;

[Collection(PortalCollection.Name)]
public class PayInvoicesTests(PortalServer server)
{
    private static decimal Amount(string text) => decimal.Parse(Regex.Match(text, @"[\d,]+\.\d\d").Value.Replace(",", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_customer_pays_two_invoices_one_partially_by_card_through_the_sandbox_and_sees_them_paid()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Customer.Email, DemoAccounts.Password);
        // Two open invoices not in a dispute and not partly paid yet.
        var candidates = page.Locator("#open-invoices tbody tr").Filter(new() { HasText = "Open" });
        var first = candidates.Nth(0);
        var second = candidates.Nth(1);
        var firstNumber = await first.GetByRole(AriaRole.Link).InnerTextAsync();
        var secondNumber = await second.GetByRole(AriaRole.Link).InnerTextAsync();
        await first.GetByRole(AriaRole.Checkbox).CheckAsync();
        await second.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay selected invoices" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay invoices" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var partial = page.GetByLabel($"Amount to pay on invoice {secondNumber}");
        var secondOpen = Amount(await partial.InputValueAsync());
        await partial.FillAsync("25.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();

        await Expect(page.GetByText("TEST MODE")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).First.ClickAsync();

        await Expect(page.Locator("#payment-status")).ToContainTextAsync("your payment went through");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = firstNumber }).ClickAsync();
        await Expect(page.Locator(".status-paid")).ToHaveTextAsync("Paid");
        await Expect(page.Locator("#applied")).ToContainTextAsync("(test money)");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = secondNumber }).ClickAsync();
        await Expect(page.Locator(".status-partiallypaid")).ToHaveTextAsync("Partially paid");
        Assert.Equal(secondOpen - 25.00m, Amount(await page.Locator("#open-amount").InnerTextAsync()));

        // The receipt email, with its PDF, is in the back office's outbox.
        var office = await server.NewPageAsync();
        await office.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await office.GotoAsync("/BackOffice/Outbox");
        var receipt = office.Locator("#outbox tbody tr").Filter(new() { HasText = DemoAccounts.Customer.Email }).Filter(new() { HasText = "Receipt R-" }).First;
        await Expect(receipt).ToContainTextAsync("[TEST] Receipt R-");
        await receipt.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(office.Locator("#message")).ToContainTextAsync(firstNumber);
        await Expect(office.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^receipt-R-\d+\.pdf$") })).ToBeVisibleAsync();
        await office.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_declined_card_leaves_the_invoice_open()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.OtherCustomer.Email, DemoAccounts.Password);
        var row = page.Locator("#open-invoices tbody tr").Filter(new() { HasText = "Open" }).First;
        var number = await row.GetByRole(AriaRole.Link).InnerTextAsync();
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay selected invoices" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();

        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your card was declined.");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel and return to the portal" }).ClickAsync();
        // Coming back changes nothing by itself: cancelling is a POST, which also expires the checkout at Stripe.
        await Expect(page.Locator("#payment-status")).ToContainTextAsync("You left the payment page without paying.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this payment" }).ClickAsync();
        await Expect(page.Locator("#payment-status")).ToContainTextAsync("You cancelled the payment.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my account" }).ClickAsync();
        var stillOpen = page.Locator("#open-invoices tbody tr").Filter(new() { HasText = number });
        await Expect(stillOpen).ToContainTextAsync("Open");
    }
}
