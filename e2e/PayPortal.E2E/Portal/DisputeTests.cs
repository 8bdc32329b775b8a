using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.Portal;

[Collection(PortalCollection.Name)]
public class DisputeTests(PortalServer server)
{
    private static decimal Amount(string text) => decimal.Parse(Regex.Match(text, @"[\d,]+\.\d\d").Value.Replace(",", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_customer_disputes_a_line_with_a_pdf_the_specialist_accepts_half_a_manager_approves_and_the_customer_sees_the_credit()
    {
        var evidence = Path.Combine(Path.GetTempPath(), $"delivery-note-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n% signed delivery note: 2 of 10 boxes crushed\n");
        try
        {
            var customer = await server.NewPageAsync();
            await customer.SignInAsync(DemoAccounts.OtherCustomer.Email, DemoAccounts.Password);
            await customer.GotoAsync("/Portal/Invoices");
            var row = customer.Locator("#invoice-table tbody tr").Filter(new() { Has = customer.Locator(".status-open") }).First;
            var number = await row.GetByRole(AriaRole.Link).First.InnerTextAsync();
            await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
            var openBefore = Amount(await customer.Locator("#open-amount").InnerTextAsync());
            await customer.GetByRole(AriaRole.Link, new() { Name = "Dispute this invoice" }).ClickAsync();

            await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = $"Dispute invoice {number}" })).ToBeVisibleAsync();
            await customer.AssertAccessibleAsync();
            await customer.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Damaged goods" });
            await customer.GetByRole(AriaRole.Checkbox).First.CheckAsync();
            await customer.GetByLabel("Disputed amount (USD)").FillAsync("40.00");
            await customer.GetByLabel("What is wrong?").FillAsync("Two of the ten boxes on line 1 arrived crushed. Signed delivery note attached.");
            await customer.Locator("#Files").SetInputFilesAsync(evidence);
            await customer.GetByRole(AriaRole.Button, new() { Name = "Send dispute" }).ClickAsync();
            await Expect(customer.Locator("#status-message")).ToContainTextAsync($"Dispute on invoice {number} for USD 40.00 sent");
            await Expect(customer.Locator("#conversation")).ToContainTextAsync(Path.GetFileName(evidence));
            await customer.AssertAccessibleAsync();
            var disputeUrl = customer.Url;

            var office = await server.NewPageAsync();
            await office.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
            await office.GotoAsync("/BackOffice/Disputes");
            await office.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Damaged goods" });
            var queued = office.Locator("#dispute-queue tbody tr").Filter(new() { HasText = number });
            await Expect(queued).ToHaveCountAsync(1);
            await office.AssertAccessibleAsync();
            await queued.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(office.Locator("#conversation")).ToContainTextAsync("arrived crushed");
            await office.AssertAccessibleAsync();
            await office.GetByLabel(new Regex("^Amount to credit")).FillAsync("20.00");
            await office.GetByLabel("Note to the customer (optional)").FillAsync("Half, as the carrier covers the rest.");
            await office.GetByRole(AriaRole.Button, new() { Name = "Accept and credit" }).ClickAsync();
            await Expect(office.Locator("#status-message")).ToContainTextAsync($"Dispute acceptance of USD 20.00 on invoice {number} proposed");
            await Expect(office.Locator("#approval-pending")).ToContainTextAsync("Awaiting approval");
            await office.AssertAccessibleAsync();

            // A manager other than the specialist approves it; only then is the credit issued.
            var manager = await server.NewPageAsync();
            await manager.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
            await manager.GotoAsync("/BackOffice/Approvals");
            await manager.AssertAccessibleAsync();
            await manager.GetByRole(AriaRole.Button, new() { Name = $"Approve the dispute acceptance of {number}" }).ClickAsync();
            await Expect(manager.Locator("#status-message")).ToContainTextAsync(new Regex(@"credit memo CM-\d+ for USD 20\.00 applied"));
            await office.ReloadAsync();
            await Expect(office.Locator("#dispute-status")).ToContainTextAsync("Accepted in part");

            await customer.GotoAsync(disputeUrl);
            await Expect(customer.Locator("#dispute-resolution")).ToContainTextAsync("Accepted in part: USD 20.00 of USD 40.00 credited");
            await customer.GetByRole(AriaRole.Link, new() { Name = $"Open invoice {number}" }).ClickAsync();
            Assert.Equal(openBefore - 20.00m, Amount(await customer.Locator("#open-amount").InnerTextAsync()));
            await Expect(customer.Locator("#applied")).ToContainTextAsync("Credit memo");
            await customer.AssertAccessibleAsync();
        }
        finally
        {
            File.Delete(evidence);
        }
    }
}
