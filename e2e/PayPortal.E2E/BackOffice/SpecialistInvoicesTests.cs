using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class SpecialistInvoicesTests(PortalServer server)
{
    [Fact]
    public async Task A_specialist_drafts_an_invoice_with_a_live_total_posts_sends_and_credits_a_line()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await page.GotoAsync("/BackOffice/Customers?q=Harborview");
        await page.GetByRole(AriaRole.Link, new() { Name = "Harborview Hotels" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New invoice" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Draft invoice for Harborview Hotels") })).ToBeVisibleAsync();

        await page.GetByLabel("PO number").FillAsync("PO-HV-2026");
        await page.GetByLabel("Line 1 description").FillAsync("Linen service, November");
        await page.GetByLabel("Line 1 quantity").FillAsync("4");
        await page.GetByLabel("Line 1 unit price").FillAsync("125.00");
        await page.GetByLabel("Line 1 tax rate percent").FillAsync("8");
        await page.GetByLabel("Line 1 tax rate percent").BlurAsync();
        await Expect(page.Locator("#draft-total")).ToHaveTextAsync("USD 540.00"); // 4 x 125.00 + 8 % tax, recomputed as you type

        // More lines than the form started with: "Add line" fetches a new row.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await page.GetByLabel("Line 4 description").FillAsync("Express delivery");
        await page.GetByLabel("Line 4 quantity").FillAsync("1");
        await page.GetByLabel("Line 4 unit price").FillAsync("60");
        await page.GetByLabel("Line 4 unit price").BlurAsync();
        await Expect(page.Locator("#draft-total")).ToHaveTextAsync("USD 600.00");
        await page.AssertAccessibleAsync();

        // A mistake is named by its line and nothing is posted.
        await page.GetByLabel("Line 2 description").FillAsync("Minibar restock");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post invoice" }).ClickAsync();
        await Expect(page.Locator("#draft-errors")).ToContainTextAsync("Line 2: the quantity must be a number above zero.");
        await Expect(page.GetByLabel("Line 2 quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Line 2 description").FillAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post invoice" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(new Regex(@"Invoice INV-\d+ posted: USD 600\.00"));
        var number = Regex.Match(await page.Locator("#status-message").InnerTextAsync(), @"INV-\d+").Value;
        await Expect(page.Locator("#invoice-lines")).ToContainTextAsync("Express delivery");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invoice" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync($"Invoice {number} sent to ap@harborview.example");
        var mail = await Mailbox.WaitForAsync(server.MailFolder, m => m.Subject?.StartsWith($"Invoice {number} from") == true);
        Assert.Equal($"invoice-{number}.pdf", Assert.Single(mail.Attachments).ContentDisposition?.FileName);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resend invoice" })).ToBeVisibleAsync();

        await page.GetByLabel("Quantity of line 1 to credit").FillAsync("1");
        await page.Locator("#credit-reason").FillAsync("One set of linen returned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Credit the lines entered" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync($"for USD 135.00 issued; USD 135.00 applied to invoice {number}");
        await Expect(page.Locator("#invoice-open")).ToHaveTextAsync("USD 465.00");
        await Expect(page.Locator("#invoice-credit-memos")).ToContainTextAsync("One set of linen returned");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).First.ClickAsync();
        await page.GetByLabel("Show").SelectOptionAsync("draft");
        await Expect(page.Locator("#invoice-list")).Not.ToContainTextAsync("Harborview Hotels");
        await page.AssertAccessibleAsync();
    }
}
