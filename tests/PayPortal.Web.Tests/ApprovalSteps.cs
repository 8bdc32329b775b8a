using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Approvals;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The second pair of eyes: a manager approving what is waiting on an invoice, through the Approvals page.</summary>
public static class ApprovalSteps
{
    public static Task<long> PendingApprovalIdAsync(this PayPortalFactory factory, long invoiceId) =>
        factory.WithDb(db => db.MoneyApprovals.Where(a => a.InvoiceId == invoiceId && a.Status == MoneyApprovalStatus.Proposed).Select(a => a.Id).SingleAsync());

    /// <summary>Approves the proposal waiting on the invoice as <paramref name="approverEmail"/> (the demo manager by default) and asserts it was carried out.</summary>
    public static async Task ApprovePendingAsync(this PayPortalFactory factory, long invoiceId, string? approverEmail = null)
    {
        var id = await factory.PendingApprovalIdAsync(invoiceId);
        var manager = await factory.SignedInAs(approverEmail ?? DemoAccounts.Manager.Email);
        var approved = await manager.PostForm($"/BackOffice/Approvals?handler=approve&approvalId={id}", new Dictionary<string, string>(), "/BackOffice/Approvals");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(MoneyApprovalStatus.Approved, await factory.WithDb(db => db.MoneyApprovals.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }
}
