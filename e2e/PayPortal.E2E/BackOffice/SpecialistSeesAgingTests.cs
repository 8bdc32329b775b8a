using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class SpecialistSeesAgingTests(PortalServer server)
{
    [Fact]
    public async Task The_specialist_signs_in_sees_the_aging_buckets_and_finds_a_customer()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/BackOffice$"));

        var aging = page.Locator("#aging-USD");
        await Expect(aging).ToBeVisibleAsync();
        foreach (var bucket in new[] { "Current (not yet due)", "1-30 days", "31-60 days", "61-90 days", "91-120 days", "120+ days" })
            await Expect(aging.GetByRole(AriaRole.Rowheader, new() { Name = bucket, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#total-ar-USD")).ToContainTextAsync("USD");
        await page.AssertAccessibleAsync();
        await page.MaybeScreenshotAsync("backoffice-home.png");

        // Active search: typing redraws only the table, through htmx.
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.GetByLabel("Search by number or name").FillAsync("Brightline");
        await Expect(page.Locator("#customer-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#customer-table")).ToContainTextAsync("Brightline Logistics");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Brightline Logistics" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brightline Logistics" })).ToBeVisibleAsync();
        await Expect(page.Locator("#contacts")).ToContainTextAsync(DemoAccounts.OtherCustomer.Email);
        await page.AssertAccessibleAsync();
    }
}
