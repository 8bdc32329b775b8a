using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Four eyes on money leaving the books, through the pages: proposals from the invoice page, decisions on the Approvals page.</summary>
public class ApprovalsPageTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    /// <summary>An owed invoice nothing was applied to and nobody disputes: one that can be voided.</summary>
    private Task<(long Id, string Number, long Version)> VoidableInvoice(int skip) => factory.WithDb(db =>
        db.Invoices.Where(i => i.Status == InvoiceStatus.Open && i.OpenMinor == i.TotalMinor && i.DisputedMinor == 0 && !db.Allocations.Any(a => a.InvoiceId == i.Id)
                && !db.Disputes.Any(d => d.InvoiceId == i.Id))
            .OrderBy(i => i.Id).Skip(skip).Select(i => new ValueTuple<long, string, long>(i.Id, i.Number!, i.Version)).FirstAsync());

    private Task<InvoiceStatus> Status(long id) => factory.WithDb(db => db.Invoices.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());

    [Fact]
    public async Task A_specialists_void_waits_for_a_manager_who_carries_it_out_from_the_approvals_page()
    {
        var (id, number, version) = await VoidableInvoice(0);
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var url = $"/BackOffice/Invoices/Details/{id}";

        var proposed = await specialist.PostForm($"{url}?handler=Void", new Dictionary<string, string> { ["Version"] = version.ToString(), ["Reason"] = "Billed to the wrong customer" }, url);

        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Equal(InvoiceStatus.Open, await Status(id));
        var page = await specialist.GetStringAsync(url);
        Assert.Contains("id=\"approval-pending\"", page);
        Assert.Contains($"a void of", page);
        var own = await specialist.GetStringAsync("/BackOffice/Approvals");
        Assert.Contains(number, own);
        Assert.DoesNotContain("Approve the void", own);
        var approvalId = await factory.PendingApprovalIdAsync(id);
        var refused = await specialist.PostForm($"/BackOffice/Approvals?handler=approve&approvalId={approvalId}", new Dictionary<string, string>(), "/BackOffice/Approvals");
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(InvoiceStatus.Open, await Status(id));

        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        Assert.Contains($"Approve the void of {number}", await manager.GetStringAsync("/BackOffice/Approvals"));
        var approved = await manager.PostForm($"/BackOffice/Approvals?handler=approve&approvalId={approvalId}", new Dictionary<string, string>(), "/BackOffice/Approvals");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(InvoiceStatus.Void, await Status(id));
        Assert.DoesNotContain("id=\"approval-pending\"", await manager.GetStringAsync(url));
        var again = await manager.PostForm($"/BackOffice/Approvals?handler=approve&approvalId={approvalId}", new Dictionary<string, string>(), "/BackOffice/Approvals");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("This proposal was already approved.", await again.Content.ReadAsStringAsync());
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task A_manager_cannot_approve_their_own_full_credit_another_manager_can_and_a_rejection_changes_nothing()
    {
        var (id, _, version) = await VoidableInvoice(1);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var url = $"/BackOffice/Invoices/Details/{id}";
        await manager.PostForm($"{url}?handler=CreditAll", new Dictionary<string, string> { ["Version"] = version.ToString(), ["Reason"] = "Order cancelled" }, url);
        var approvalId = await factory.PendingApprovalIdAsync(id);

        var own = await manager.PostForm($"/BackOffice/Approvals?handler=approve&approvalId={approvalId}", new Dictionary<string, string>(), "/BackOffice/Approvals");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        Assert.Contains("approved by a manager other than who proposed it", await own.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDb(db => db.CreditMemos.CountAsync(m => m.InvoiceId == id)));

        await factory.ApprovePendingAsync(id, DemoAccounts.Admin.Email);
        Assert.Equal(InvoiceStatus.Paid, await Status(id));
        Assert.Equal(1, await factory.WithDb(db => db.CreditMemos.CountAsync(m => m.InvoiceId == id)));

        var (other, otherNumber, otherVersion) = await VoidableInvoice(1);
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        await specialist.PostForm($"/BackOffice/Invoices/Details/{other}?handler=Void", new Dictionary<string, string> { ["Version"] = otherVersion.ToString(), ["Reason"] = "Duplicate" }, $"/BackOffice/Invoices/Details/{other}");
        var otherApproval = await factory.PendingApprovalIdAsync(other);
        var noReason = await manager.PostForm($"/BackOffice/Approvals?handler=reject&approvalId={otherApproval}", new Dictionary<string, string> { ["Reason"] = "" }, "/BackOffice/Approvals");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var rejected = await manager.PostForm($"/BackOffice/Approvals?handler=reject&approvalId={otherApproval}", new Dictionary<string, string> { ["Reason"] = "Not a duplicate: two deliveries" }, "/BackOffice/Approvals");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(InvoiceStatus.Open, await Status(other));
        Assert.Equal(MoneyApprovalStatus.Rejected, await factory.WithDb(db => db.MoneyApprovals.Where(a => a.Id == otherApproval).Select(a => a.Status).SingleAsync()));
        var decisions = await specialist.GetStringAsync("/BackOffice/Approvals");
        Assert.Contains($"{otherNumber}: void", decisions);
        Assert.Contains("Not a duplicate: two deliveries", decisions);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "approval.reject" && a.Actor == DemoAccounts.Manager.Email)));
    }
}
