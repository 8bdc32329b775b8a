using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The exceptions workbench through HTTP: refusals change nothing, aliases are learned, undo is a manager's.</summary>
public class CashApplicationTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private async Task<long> UploadOneExceptionAsync(HttpClient staff, string payer, long amount, string reference)
    {
        var stream = new MemoryStream();
        Camt053Writer.Write(stream, $"T-{Guid.NewGuid():N}"[..20], "US00BANK0000000001", "USD", DateTime.UtcNow,
            [new CamtEntry(reference, DateOnly.FromDateTime(DateTime.UtcNow), amount, true, payer, "US99PAYER000000000" + reference[^1], "SETTLEMENT")]);
        var response = await staff.PostMultipart("/BackOffice/Bank", [("AutoApply", "true")], [("Upload", "statement.xml", stream.ToArray())], "/BackOffice/Bank");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await factory.WithDb(db => db.BankLines.Where(l => l.BankReference == reference).Select(l => l.Id).SingleAsync());
    }

    private sealed record Open(long Id, string Number, long Amount, long CustomerId);

    private Task<List<Open>> OpenInvoices(string email) => factory.WithDb(async db =>
    {
        var customerId = await db.Users.Where(u => u.Email == email).Select(u => u.CustomerId!.Value).SingleAsync();
        return await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.Status != InvoiceStatus.Void)
            .OrderBy(i => i.Id).Select(i => new Open(i.Id, i.Number!, i.OpenMinor, i.CustomerId)).ToListAsync();
    });

    private static string Dec(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_split_over_two_customers_or_more_than_the_line_is_refused_and_a_good_one_teaches_the_payer_name()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var acme = await OpenInvoices(DemoAccounts.Customer.Email);
        var bright = await OpenInvoices(DemoAccounts.OtherCustomer.Email);
        var amount = acme[0].Amount + 10_00;
        var id = await UploadOneExceptionAsync(staff, "ZZ TREASURY SERVICES", amount, "WB-1");
        var page = $"/BackOffice/Bank/Line/{id}";

        var mixed = await staff.PostForm($"{page}?handler=Apply", new Dictionary<string, string>
            { ["Numbers[0]"] = acme[0].Number, ["Amounts[0]"] = "1.00", ["Numbers[1]"] = bright[0].Number, ["Amounts[1]"] = "1.00" }, page);
        Assert.Contains("All invoices of one payment must be one customer", await mixed.Content.ReadAsStringAsync());
        var tooMuch = await staff.PostForm($"{page}?handler=Apply", new Dictionary<string, string>
            { ["Numbers[0]"] = acme[0].Number, ["Amounts[0]"] = Dec(amount + 1) }, page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal(0L, await factory.WithDb(db => db.Payments.LongCountAsync(p => p.Reference == "WB-1")));

        var applied = await staff.PostForm($"{page}?handler=Apply", new Dictionary<string, string> { ["Numbers[0]"] = acme[0].Number, ["Amounts[0]"] = Dec(acme[0].Amount) }, page);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var line = await factory.WithDb(db => db.BankLines.SingleAsync(l => l.Id == id));
        Assert.Equal((BankLineStatus.Applied, "manual"), (line.Status, line.Rule));
        var payment = await factory.WithDb(db => db.Payments.SingleAsync(p => p.Id == line.PaymentId));
        Assert.Equal((amount, 10_00L), (payment.AmountMinor, payment.UnappliedMinor)); // the rest stays on account
        Assert.True(await factory.WithDb(db => db.PayerAliases.AnyAsync(a => a.NameKey == "zz treasury services" && a.CustomerId == acme[0].CustomerId)));

        // The next payment from that name is recognised as Acme's by the alias it taught.
        var second = await UploadOneExceptionAsync(staff, "ZZ Treasury Services", 123_45, "WB-2");
        var suggestions = await factory.WithDb(db => db.BankLines.Where(l => l.Id == second).Select(l => l.Suggestions).SingleAsync());
        Assert.Contains($"\"customerId\":{acme[0].CustomerId}", suggestions);
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task Only_a_manager_undoes_an_application_and_the_line_waits_again_with_its_money_received()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var target = (await OpenInvoices(DemoAccounts.OtherCustomer.Email))[^1];
        var id = await UploadOneExceptionAsync(staff, "QQ PAYMENTS", target.Amount, "WB-3");
        var page = $"/BackOffice/Bank/Line/{id}";
        await staff.PostForm($"{page}?handler=Apply", new Dictionary<string, string> { ["Numbers[0]"] = target.Number, ["Amounts[0]"] = Dec(target.Amount) }, page);
        Assert.Equal(0, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.OpenMinor).SingleAsync()));

        var forbidden = await staff.PostForm($"{page}?handler=Undo", new Dictionary<string, string> { ["Reason"] = "wrong" }, page);
        Assert.StartsWith("/Identity/Account/AccessDenied", forbidden.Headers.Location!.PathAndQuery);
        Assert.Equal(BankLineStatus.Applied, await factory.WithDb(db => db.BankLines.Where(l => l.Id == id).Select(l => l.Status).SingleAsync()));

        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var undone = await manager.PostForm($"{page}?handler=Undo", new Dictionary<string, string> { ["Reason"] = "Paid the wrong invoice" }, page);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(BankLineStatus.Exception, await factory.WithDb(db => db.BankLines.Where(l => l.Id == id).Select(l => l.Status).SingleAsync()));
        Assert.Equal(target.Amount, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.OpenMinor).SingleAsync()));
        Assert.Equal(1L, await factory.WithDb(db => db.Payments.LongCountAsync(p => p.Reference == "WB-3"))); // received once; re-applying uses the same payment
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task A_file_that_is_not_a_statement_is_refused_with_its_problems_and_customers_cannot_reach_the_bank_pages()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var response = await staff.PostMultipart("/BackOffice/Bank", [("AutoApply", "true")], [("Upload", "notes.csv", "hello,world\n1,2\n"u8.ToArray())], "/BackOffice/Bank");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("notes.csv was not imported; nothing changed.", html);
        Assert.Contains("line 1: no &#x27;date&#x27; column", html);

        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        foreach (var path in new[] { "/BackOffice/Bank", "/BackOffice/Bank/Exceptions", "/BackOffice/Bank/Line/1", "/BackOffice/Bank/Statement/1" })
            Assert.StartsWith("/Identity/Account/AccessDenied", (await customer.GetAsync(path)).Headers.Location!.PathAndQuery);
    }
}
