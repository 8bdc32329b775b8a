using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class InviteContactTests(PortalServer server)
{
    [Fact]
    public async Task A_specialist_invites_a_contact_who_follows_the_emailed_link_sets_a_password_and_sees_the_account()
    {
        var office = await server.NewPageAsync();
        await office.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await office.GotoAsync("/BackOffice/Customers?q=Cobalt");
        await office.GetByRole(AriaRole.Link, new() { Name = "Cobalt Dental Group" }).ClickAsync();
        await office.GetByText("Invite a contact").ClickAsync();
        await office.GetByLabel("Name").FillAsync("Robin Accounts");
        await office.GetByLabel("Email", new() { Exact = true }).FillAsync("robin@cobaltdental.example");
        await office.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(office.Locator("#status-message")).ToContainTextAsync("Invitation sent to robin@cobaltdental.example");
        await Expect(office.Locator("#contacts")).ToContainTextAsync("Invited");

        // Follow the link in the email, as the contact would.
        var mail = await Mailbox.WaitForAsync(server.MailFolder, m => m.To.Mailboxes.Any(a => a.Address == "robin@cobaltdental.example"));
        var link = Regex.Match(mail.TextBody ?? "", @"https?://[^\s""<]+/Identity/Account/AcceptInvitation\?[^\s""<]+").Value;

        var contact = await server.NewPageAsync();
        await contact.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(contact.GetByRole(AriaRole.Heading, new() { Name = "Welcome to PayPortal" })).ToBeVisibleAsync();
        await contact.AssertAccessibleAsync();
        await contact.GetByLabel("Password (at least 10 characters)").FillAsync("short");
        await contact.GetByLabel("Repeat the password").FillAsync("short");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(contact.GetByRole(AriaRole.Alert).Or(contact.Locator(".notice-error")).First).ToBeVisibleAsync();

        await contact.GetByLabel("Password (at least 10 characters)").FillAsync("Robin-Pass-2026");
        await contact.GetByLabel("Repeat the password").FillAsync("Robin-Pass-2026");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(contact).ToHaveURLAsync(new Regex("/Portal$"));
        await Expect(contact.GetByRole(AriaRole.Heading, new() { Name = "Cobalt Dental Group" })).ToBeVisibleAsync();
    }
}
