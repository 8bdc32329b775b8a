using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class CollectionsTests(PortalServer server)
{
    [Fact]
    public async Task A_specialist_logs_a_call_with_a_promise_previews_dunning_sends_it_and_finds_the_email_in_the_outbox()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);

        // The worklist, highest priority first; open the top account's 360.
        await page.GetByRole(AriaRole.Link, new() { Name = "Worklist", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Collections worklist" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var top = page.Locator("#worklist-table tbody tr").First.GetByRole(AriaRole.Rowheader).GetByRole(AriaRole.Link);
        var promisedName = await top.InnerTextAsync();
        await top.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log a call" })).ToBeVisibleAsync();

        // Log the call with a promise, in one form.
        var promiseDate = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd");
        await page.GetByLabel("What was said").FillAsync("Spoke to their AP lead; payment run on Friday.");
        await page.GetByLabel("Amount (USD)").FillAsync("250.00");
        await page.GetByLabel("By", new() { Exact = true }).FillAsync(promiseDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync($"Call logged with a promise of USD 250.00 by {promiseDate}");
        await Expect(page.Locator("#open-promise")).ToContainTextAsync("USD 250.00");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Spoke to their AP lead; payment run on Friday.");
        await page.AssertAccessibleAsync();

        // The dry run shows what would go out, and leaves the promised account alone.
        await page.FollowLinkAsync("Dunning", "/BackOffice/Dunning");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await Expect(page.Locator("#dunning-outcome")).ToContainTextAsync("nothing was sent");
        var firstRow = page.Locator("#outcome-messages tbody tr").Filter(new() { HasText = "Email" }).First;
        var subject = await firstRow.Locator("td").Nth(1).InnerTextAsync();
        await Expect(page.Locator("#outcome-messages")).Not.ToContainTextAsync(promisedName);
        await page.AssertAccessibleAsync();

        // Send it; the email is in the outbox.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(new Regex(@"Dunning sent: [1-9]\d* email\(s\)"));
        await page.GotoAsync("/BackOffice/Outbox");
        var email = page.Locator("#outbox tbody tr").Filter(new() { HasText = "dunning" }).Filter(new() { HasText = subject }).First;
        await Expect(email).ToBeVisibleAsync();
        await email.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("/Portal/Pay?invoice=");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_aging_report_goes_back_in_time_and_a_bucket_opens_its_invoices()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await page.FollowLinkAsync("Reports", "/BackOffice/Reports");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Aging", Exact = true }).ClickAsync();
        await Expect(page.Locator("#aging-total-USD")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var past = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd");
        await page.GetByLabel("As of").FillAsync(past);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"as-of={past}"));

        await page.Locator("#aging-total-USD tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Open invoices") })).ToBeVisibleAsync();
        await Expect(page.Locator("#aging-detail tbody tr").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        foreach (var (link, figure) in new[] { ("KPIs", "#dso-trend-USD"), ("Cash forecast", "#forecast-total-USD"), ("End of day", "#day-figures") })
        {
            await page.GotoAsync("/BackOffice/Reports");
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.Locator(figure)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }
}
