using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

public class WriteOffAndCreditTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private Task<(long Id, long Open)> OpenUndisputedInvoice(int skip) => factory.WithDb(db =>
        db.Invoices.Where(i => i.OpenMinor > 0 && i.DisputedMinor == 0 && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid))
            .OrderBy(i => i.Id).Skip(skip).Select(i => new ValueTuple<long, long>(i.Id, i.OpenMinor)).FirstAsync());

    [Fact]
    public async Task A_specialist_proposes_a_write_off_only_another_manager_approves_it_and_it_lands_in_bad_debt()
    {
        var (invoiceId, open) = await OpenUndisputedInvoice(3);
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var url = $"/BackOffice/Invoices/Details/{invoiceId}";
        var amount = (open / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

        var tooMuch = await specialist.PostForm(url + "?handler=ProposeWriteOff", new Dictionary<string, string> { ["WriteOffAmount"] = "99999999.00", ["Reason"] = "Insolvent" }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        var proposed = await specialist.PostForm(url + "?handler=ProposeWriteOff", new Dictionary<string, string> { ["WriteOffAmount"] = amount, ["Reason"] = "Customer insolvent" }, url);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var requestId = await factory.WithDb(db => db.WriteOffRequests.Where(r => r.InvoiceId == invoiceId).Select(r => r.Id).SingleAsync());
        Assert.Equal(open, await factory.WithDb(db => db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.OpenMinor).SingleAsync()));

        var refused = await specialist.PostForm($"/BackOffice/WriteOffs?handler=approve&requestId={requestId}", new Dictionary<string, string>(), "/BackOffice/WriteOffs");
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var approved = await manager.PostForm($"/BackOffice/WriteOffs?handler=approve&requestId={requestId}", new Dictionary<string, string>(), "/BackOffice/WriteOffs");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var (status, badDebt) = await factory.WithDb(async db => (
            await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Status).SingleAsync(),
            await db.LedgerEntries.Where(e => e.InvoiceId == invoiceId && e.Account == LedgerAccount.BadDebt).SumAsync(e => e.AmountMinor)));
        Assert.Equal((InvoiceStatus.WrittenOff, open), (status, badDebt));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "writeoff.approve")));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task A_manager_cannot_approve_their_own_proposal()
    {
        var (invoiceId, _) = await OpenUndisputedInvoice(5);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var url = $"/BackOffice/Invoices/Details/{invoiceId}";
        await manager.PostForm(url + "?handler=ProposeWriteOff", new Dictionary<string, string> { ["WriteOffAmount"] = "1.00", ["Reason"] = "Rounding dust" }, url);
        var requestId = await factory.WithDb(db => db.WriteOffRequests.Where(r => r.InvoiceId == invoiceId).Select(r => r.Id).SingleAsync());

        var own = await manager.PostForm($"/BackOffice/WriteOffs?handler=approve&requestId={requestId}", new Dictionary<string, string>(), "/BackOffice/WriteOffs");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        Assert.Contains("approved by someone other than who proposed it", await own.Content.ReadAsStringAsync());
        Assert.Equal(WriteOffRequestStatus.Pending, await factory.WithDb(db => db.WriteOffRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_specialists_hold_request_takes_effect_when_a_manager_approves_and_the_customer_sees_the_notice()
    {
        var customerId = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var asked = await specialist.PostForm($"/BackOffice/Credit?handler=request&customerId={customerId}&place=true", new Dictionary<string, string> { ["Reason"] = "Past due beyond terms" }, "/BackOffice/Credit");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.False(await factory.WithDb(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CreditHold).SingleAsync()));
        var requestId = await factory.WithDb(db => db.CreditHoldRequests.Where(r => r.CustomerId == customerId && r.Status == CreditHoldRequestStatus.Pending).Select(r => r.Id).SingleAsync());
        var refused = await specialist.PostForm($"/BackOffice/Credit?handler=decide&requestId={requestId}&approve=true", new Dictionary<string, string>(), "/BackOffice/Credit");
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);

        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        await manager.PostForm($"/BackOffice/Credit?handler=decide&requestId={requestId}&approve=true", new Dictionary<string, string>(), "/BackOffice/Credit");

        Assert.True(await factory.WithDb(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CreditHold).SingleAsync()));
        var customer = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        Assert.Contains("This account is on credit hold.", await customer.GetStringAsync("/Portal"));

        var release = await manager.PostForm($"/BackOffice/Credit?handler=request&customerId={customerId}&place=false", new Dictionary<string, string> { ["Reason"] = "Paid up" }, "/BackOffice/Credit");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        Assert.False(await factory.WithDb(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CreditHold).SingleAsync()));
    }

    [Fact]
    public async Task The_statement_run_sends_last_months_statement_once_per_customer()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var preview = await staff.GetStringAsync("/BackOffice/Statements");
        var due = int.Parse(System.Text.RegularExpressions.Regex.Match(preview, @"(\d+) customer\(s\) still to receive").Groups[1].Value);
        Assert.True(due > 1, "the demo has several customers with a balance");

        await staff.PostForm("/BackOffice/Statements", new Dictionary<string, string>());
        var sent = await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind == "statement"));
        // One message per address: every customer due got theirs, none twice to the same address.
        Assert.Equal(due, await factory.WithDb(db => db.Outbox.Where(m => m.Kind == "statement").Select(m => m.CustomerId).Distinct().CountAsync()));
        Assert.Equal(sent, await factory.WithDb(db => db.Outbox.Where(m => m.Kind == "statement").Select(m => new { m.CustomerId, m.To }).Distinct().CountAsync()));
        Assert.Equal(sent, await factory.WithDb(db => db.Outbox.Where(m => m.Kind == "statement").CountAsync(m => m.Attachments.Any(a => a.FileName.StartsWith("statement-")))));
        await staff.PostForm("/BackOffice/Statements", new Dictionary<string, string>());
        Assert.Equal(sent, await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind == "statement")));
        Assert.Contains("0 customer(s) still to receive", await staff.GetStringAsync("/BackOffice/Statements"));
    }
}
