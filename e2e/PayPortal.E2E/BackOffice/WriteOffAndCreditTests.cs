using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class WriteOffAndCreditTests(PortalServer server)
{
    [Fact]
    public async Task A_specialist_proposes_a_write_off_a_manager_approves_it_and_credit_and_statements_pages_are_accessible()
    {
        var specialist = await server.NewPageAsync();
        await specialist.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        // A customer no other journey touches, through its own invoice list.
        await specialist.GotoAsync("/BackOffice/Customers?q=Foxglove");
        await specialist.GetByRole(AriaRole.Link, new() { Name = "Foxglove Florists" }).ClickAsync();
        await specialist.GetByRole(AriaRole.Link, new() { Name = "Invoices of this account" }).ClickAsync();
        var link = specialist.Locator("table tbody tr").Filter(new() { HasTextRegex = new Regex(@"\bOpen\b") }).First.GetByRole(AriaRole.Link).First;
        var number = await link.InnerTextAsync();
        await link.ClickAsync();
        await specialist.GetByLabel("Why it cannot be collected").FillAsync("Customer ceased trading; liquidator confirms nothing for unsecured creditors.");
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Propose the write-off" }).ClickAsync();
        await Expect(specialist.Locator("#status-message")).ToContainTextAsync($"on invoice {number} proposed");
        await specialist.AssertAccessibleAsync();

        var manager = await server.NewPageAsync();
        await manager.SignInAsync(DemoAccounts.Manager.Email, DemoAccounts.Password);
        await manager.FollowLinkAsync("Write-offs", "/BackOffice/WriteOffs");
        await manager.AssertAccessibleAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Approve and post {number} to bad debt" }).ClickAsync();
        await Expect(manager.Locator("#status-message")).ToContainTextAsync(new Regex($@"of invoice {Regex.Escape(number)} written off to bad debt"));
        await Expect(manager.Locator("#write-offs")).ToContainTextAsync(number);
        await manager.AssertAccessibleAsync();

        await manager.GetByRole(AriaRole.Link, new() { Name = "Credit", Exact = true }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Credit control" })).ToBeVisibleAsync();
        await manager.AssertAccessibleAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Statements", Exact = true }).ClickAsync();
        await Expect(manager.Locator("#statement-preview")).ToContainTextAsync("still to receive the statement");
        await manager.AssertAccessibleAsync();
    }
}
