using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class OutboxSendAgainTests(PortalServer server)
{
    [Fact]
    public async Task A_specialist_sends_a_failed_email_again_from_the_outbox_and_it_goes_out()
    {
        // A message the mail server refused for good (as a 5xx leaves it).
        var subject = $"Statement for June ({Guid.NewGuid():N})";
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PayPortalDbContext>();
            var at = DateTime.UtcNow.AddHours(-1);
            db.Outbox.Add(new OutboxMessage
            {
                Kind = "statement", To = "ap@acme.example", Subject = subject, TextBody = "Your statement is attached.", CreatedAt = at,
                Attempts = 1, FirstAttemptAt = at, FailedAt = at, LastError = "550 5.1.1 Mailbox unavailable",
            });
            await db.SaveChangesAsync();
        }

        var page = await server.NewPageAsync();
        await page.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await page.GotoAsync("/BackOffice/Outbox");
        var row = page.Locator("#outbox tbody tr").Filter(new() { HasText = subject });
        await Expect(row).ToContainTextAsync("Failed: 550 5.1.1 Mailbox unavailable");
        await page.AssertAccessibleAsync();

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Send again") }).ClickAsync();
        // The outbox worker picks it up at once; the pickup folder receives it.
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            if ((await row.InnerTextAsync()).Contains("Sent")) break;
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Expect(row).ToContainTextAsync("Sent");
        Assert.Contains(Directory.GetFiles(server.MailFolder, "*.eml"), f => File.ReadAllText(f).Contains(subject));
        await page.AssertAccessibleAsync();
    }
}
