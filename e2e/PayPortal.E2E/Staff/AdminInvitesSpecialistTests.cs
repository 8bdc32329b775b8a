extern alias cli;

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using PayPortal.Web.Tests.Staff;
using CliApp = cli::PayPortal.Cli.CliApp;

namespace PayPortal.E2E.Staff;

[Collection(PortalCollection.Name)]
public class AdminInvitesSpecialistTests(PortalServer server)
{
    private const string AdminEmail = "erin.admin@staff.example";
    private const string AdminPassword = "Erin-Admin-Pass-2026";
    private const string SpecialistEmail = "sol.specialist@staff.example";
    private const string SpecialistPassword = "Sol-Spec-Pass-2026";

    /// <summary>`payportal user add` against the running app's database, the password on standard input.</summary>
    private async Task CreateAdminWithTheCliAsync()
    {
        var settings = Path.Combine(Path.GetTempPath(), "payportal-e2e-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(settings);
        await File.WriteAllTextAsync(Path.Combine(settings, "appsettings.json"),
            $$"""{ "PayPortal": { "KeysDirectory": "{{server.KeysDirectory}}", "PublicUrl": "{{server.BaseUrl}}" }, "Smtp": { "PickupDirectory": "{{server.MailFolder}}" } }""");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["--db", server.DatabasePath, "user", "add", AdminEmail, "--role", "Admin", "--name", "Erin Admin", "--password-stdin"],
            new StringReader(AdminPassword + "\n"), stdout, stderr, settings);
        Assert.True(code == CliApp.Ok, stderr.ToString());
        Assert.Contains($"{AdminEmail} can now sign in as Admin.", stdout.ToString());
        Directory.Delete(settings, true);
    }

    private async Task<string> InvitationLinkAsync()
    {
        var mail = await Mailbox.WaitForAsync(server.MailFolder, m => m.To.Mailboxes.Any(a => a.Address == SpecialistEmail));
        return new Uri(Regex.Match(mail.TextBody ?? "", @"https?://[^\s""<]+/Identity/Account/AcceptInvitation\?[^\s""<]+").Value).PathAndQuery;
    }

    [Fact]
    public async Task An_admin_made_with_the_cli_invites_a_specialist_who_sets_a_password_and_two_factor_and_signs_in()
    {
        await CreateAdminWithTheCliAsync();

        var admin = await server.NewPageAsync();
        await admin.SignInAsync(AdminEmail, AdminPassword);
        await admin.GotoAsync("/BackOffice");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Staff accounts" })).ToBeVisibleAsync();
        await admin.WaitForLoadStateAsync(LoadState.Load);
        await admin.AssertAccessibleAsync();
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync(SpecialistEmail);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Sol Specialist");
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Specialist");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(admin.Locator("#status-message")).ToContainTextAsync($"Invitation sent to {SpecialistEmail} (Specialist).");
        await Expect(admin.Locator("#staff")).ToContainTextAsync("Invited");

        // The specialist follows the emailed link and chooses a password.
        var specialist = await server.NewPageAsync();
        await specialist.GotoAsync(await InvitationLinkAsync());
        await Expect(specialist.GetByRole(AriaRole.Heading, new() { Name = "Welcome to PayPortal" })).ToBeVisibleAsync();
        await specialist.GetByLabel("Password (at least 10 characters)").FillAsync(SpecialistPassword);
        await specialist.GetByLabel("Repeat the password").FillAsync(SpecialistPassword);
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(specialist).ToHaveURLAsync(new Regex("/BackOffice$"));

        // Two-factor: the test is the authenticator app, computing the code from the shared key on the page.
        await specialist.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = await specialist.Locator("kbd").First.InnerTextAsync();
        await specialist.Locator("#Input_Code").FillAsync(Totp.Now(key));
        await specialist.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(specialist.GetByText("Your authenticator app has been verified")).ToBeVisibleAsync();

        // A fresh browser: password, then the authenticator code, then the back office.
        var again = await server.NewPageAsync();
        await again.GotoAsync("/Identity/Account/Login");
        await again.GetByLabel("Email").FillAsync(SpecialistEmail);
        await again.GetByLabel("Password", new() { Exact = true }).FillAsync(SpecialistPassword);
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(again).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await again.Locator("#Input_TwoFactorCode").FillAsync(Totp.Now(key));
        await again.Locator("button[type=submit]").First.ClickAsync();
        await again.WaitForURLAsync(url => !url.Contains("/Identity/Account/LoginWith2fa"), new() { Timeout = 60_000 });
        await again.GotoAsync("/BackOffice");
        await Expect(again).ToHaveURLAsync(new Regex("/BackOffice$"));
        await Expect(again.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true })).ToHaveCountAsync(0);

        await admin.ReloadAsync();
        var row = admin.Locator("#staff tr", new() { HasText = SpecialistEmail });
        await Expect(row).ToContainTextAsync("Enabled");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("On");
        await Expect(row).ToContainTextAsync(" UTC");
    }
}
