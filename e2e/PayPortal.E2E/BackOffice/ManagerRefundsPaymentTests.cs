using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class ManagerRefundsPaymentTests(PortalServer server)
{
    private static decimal Amount(string text) => decimal.Parse(Regex.Match(text, @"[\d,]+\.\d\d").Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_manager_refunds_part_of_a_card_payment_from_its_page_and_the_invoice_owes_it_again()
    {
        // The customer pays 7.00 on an open invoice by card through the sandbox.
        var customer = await server.NewPageAsync();
        await customer.SignInAsync(DemoAccounts.Customer.Email, DemoAccounts.Password);
        var row = customer.Locator("#open-invoices tbody tr").Filter(new() { HasText = "Open" }).Last;
        var number = await row.GetByRole(AriaRole.Link).InnerTextAsync();
        await row.GetByRole(AriaRole.Link).ClickAsync();
        var open = Amount(await customer.Locator("#open-amount").InnerTextAsync());
        await customer.GoBackAsync();
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Pay selected invoices" }).ClickAsync();
        await customer.GetByLabel($"Amount to pay on invoice {number}").FillAsync("7.00");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await customer.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).First.ClickAsync();
        await Expect(customer.Locator("#payment-status")).ToContainTextAsync("your payment went through");

        // The manager finds it on the customer's page and refunds 2.50 of it.
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await page.GotoAsync("/BackOffice/Customers?q=Acme");
        await page.GetByRole(AriaRole.Link, new() { Name = "Acme Fabrication" }).ClickAsync();
        var application = page.Locator("#applications tbody tr").Filter(new() { HasText = number }).Filter(new() { HasText = "USD 7.00" }).First;
        await application.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^pi_") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Payment R-\d+$") })).ToBeVisibleAsync();
        await Expect(page.GetByText("Test money")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Reason").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why the money goes back.");

        await page.GetByLabel(new Regex("^Amount to refund")).FillAsync("2.50");
        await page.GetByLabel("Reason").FillAsync("Two units arrived damaged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("USD 2.50 is being refunded");
        await Expect(page.Locator("#refunded")).ToHaveTextAsync("USD 2.50");
        await Expect(page.Locator("#refunds")).ToContainTextAsync("Refunded through Stripe: Two units arrived damaged");
        await page.AssertAccessibleAsync();

        // The customer's invoice owes the 2.50 again.
        await customer.GotoAsync("/Portal");
        await customer.Locator("#open-invoices").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        Assert.Equal(open - 7.00m + 2.50m, Amount(await customer.Locator("#open-amount").InnerTextAsync()));
    }
}
