using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.BackOffice;

[Collection(PortalCollection.Name)]
public class CashApplicationTests(PortalServer server)
{
    private sealed record Target(long Id, string Number, long Open);

    [Fact]
    public async Task A_specialist_imports_a_camt_statement_splits_an_exception_over_two_invoices_and_the_customer_sees_them_paid()
    {
        // Three untouched invoices of the Brightline account (the newest, which the other journeys leave alone).
        List<Target> targets;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PayPortalDbContext>();
            var customerId = await db.Users.Where(u => u.Email == DemoAccounts.OtherCustomer.Email).Select(u => u.CustomerId).SingleAsync();
            targets = await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor == i.TotalMinor && i.DisputedMinor == 0 && i.Status == InvoiceStatus.Open)
                .OrderByDescending(i => i.Id).Take(3).Select(i => new Target(i.Id, i.Number!, i.OpenMinor)).ToListAsync();
        }
        Assert.Equal(3, targets.Count);
        var (sure, split1, split2) = (targets[0], targets[1], targets[2]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var file = Path.Combine(Path.GetTempPath(), $"camt053-{Guid.NewGuid():N}.xml");
        await using (var stream = File.Create(file))
        {
            Camt053Writer.Write(stream, $"E2E-{Guid.NewGuid():N}"[..20], "US00BANK0000000001", "USD", DateTime.UtcNow,
            [
                new("E2E-SURE", today, sure.Open, true, "Brightline Logistics", null, $"Invoice {sure.Number}"),
                new("E2E-SPLIT", today, split1.Open + split2.Open, true, "BL HOLDINGS TREASURY", null, "QUARTERLY SETTLEMENT"),
            ]);
        }
        try
        {
            var office = await server.NewPageAsync();
            await office.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
            await office.FollowLinkAsync("Bank", "/BackOffice/Bank");
            await office.AssertAccessibleAsync();
            await office.GetByLabel("Statement file").SetInputFilesAsync(file);
            await office.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(office.Locator("#status-message")).ToContainTextAsync("2 lines, 2 credits, 1 applied automatically, 1 waiting in exceptions");
            await Expect(office.Locator("#bank-lines tbody tr").Filter(new() { HasText = "E2E-SURE" })).ToContainTextAsync("Applied automatically");
            await Expect(office.Locator("#reconciliation")).ToContainTextAsync("Applied to invoices");
            await office.AssertAccessibleAsync();

            await office.Locator("#bank-lines").GetByRole(AriaRole.Link, new() { Name = "E2E-SPLIT" }).ClickAsync();
            await Expect(office.Locator("#line-status")).ToContainTextAsync("Waiting");
            await office.GetByLabel("Invoice number, customer number or name starts with").FillAsync(split1.Number);
            await Expect(office.Locator("#search-results")).ToContainTextAsync("Brightline Logistics");
            await office.AssertAccessibleAsync();
            await office.GetByLabel("Invoice number 1").FillAsync(split1.Number);
            await office.GetByLabel("Amount for invoice 1").FillAsync((split1.Open / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            await office.GetByLabel("Invoice number 2").FillAsync(split2.Number);
            await office.GetByLabel("Amount for invoice 2").FillAsync((split2.Open / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            await office.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
            await Expect(office.Locator("#status-message")).ToContainTextAsync($"applied to Brightline Logistics: {split1.Number}");

            var customer = await server.NewPageAsync();
            await customer.SignInAsync(DemoAccounts.OtherCustomer.Email, DemoAccounts.Password);
            foreach (var paid in new[] { sure, split1, split2 })
            {
                await customer.GotoAsync($"/Portal/Invoices/Details/{paid.Id}");
                await Expect(customer.Locator(".status-paid")).ToHaveTextAsync("Paid");
            }
            await customer.AssertAccessibleAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
