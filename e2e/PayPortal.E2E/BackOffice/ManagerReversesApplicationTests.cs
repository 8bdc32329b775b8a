using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class ManagerReversesApplicationTests(PortalServer server)
{
    [Fact]
    public async Task A_manager_reverses_a_misapplied_payment_from_the_customer_page()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await page.GotoAsync("/BackOffice/Customers?q=Brightline");
        await page.GetByRole(AriaRole.Link, new() { Name = "Brightline Logistics" }).ClickAsync();

        var firstReverse = page.Locator("#applications").GetByRole(AriaRole.Link, new() { Name = "Reverse" }).First;
        var label = await firstReverse.GetAttributeAsync("aria-label");
        Assert.StartsWith("Reverse USD ", label);
        await firstReverse.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reverse an application" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // No reason: refused, stays on the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse application" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why the application is reversed.");

        await page.GetByLabel("Reason").FillAsync("Customer paid invoice INV-1 but we applied it to INV-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse application" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync("it is open again");
        Assert.Equal(0, await page.Locator($"[aria-label='{label}']").CountAsync());
        await Expect(page.Locator("#applications")).ToContainTextAsync("(reversed)");
        await page.AssertAccessibleAsync();
    }
}
