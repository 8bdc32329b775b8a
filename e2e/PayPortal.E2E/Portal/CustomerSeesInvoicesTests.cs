using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.Portal;

[Collection(PortalCollection.Name)]
public class CustomerSeesInvoicesTests(PortalServer server)
{
    [Fact]
    public async Task The_demo_customer_signs_in_and_sees_the_open_invoices_and_one_in_detail()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Login");
        await page.AssertAccessibleAsync();

        await page.SignInAsync(DemoAccounts.Customer.Email, DemoAccounts.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Portal$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Fabrication" })).ToBeVisibleAsync();
        var rows = page.Locator("#open-invoices tbody tr");
        Assert.True(await rows.CountAsync() >= 5, "the demo customer has open invoices in several buckets");
        await Expect(page.Locator("#balance")).ToContainTextAsync("USD");
        await page.AssertAccessibleAsync();
        await page.MaybeScreenshotAsync("portal-home.png");

        var first = rows.First.GetByRole(AriaRole.Link);
        var number = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invoice {number}" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#invoice-lines tbody tr").CountAsync() >= 1);
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = $"Download invoice {number} as PDF" }).ClickAsync());
        Assert.Equal($"invoice-{number}.pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));

        // The invoices page: filter with htmx, tick two, see the running total.
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GetByLabel("Show").SelectOptionAsync("overdue");
        await Expect(page.Locator("#invoice-table tbody tr").First).ToContainTextAsync("(overdue)");
        var boxes = page.Locator("#invoice-table tbody").GetByRole(AriaRole.Checkbox);
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Expect(page.Locator("#pay-summary")).ToContainTextAsync("2 selected");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Statement", Exact = true }).ClickAsync();
        await Expect(page.Locator("#statement")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var statement = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download this statement as PDF" }).ClickAsync());
        Assert.StartsWith("statement-C1001-", statement.SuggestedFilename);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(await statement.PathAsync()), 0, 5));

        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payments" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#payments tbody tr").CountAsync() >= 1);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        await Expect(page.Locator("#account-contacts")).ToContainTextAsync(DemoAccounts.CustomerColleague.Email);
        await page.AssertAccessibleAsync();
    }
}
