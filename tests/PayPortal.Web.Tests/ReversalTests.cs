using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Reversing a misapplied payment is money-destructive: Managers only, with a reason, once.</summary>
public class ReversalTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private sealed record State(long AllocationAmount, long CustomerId, long InvoiceOpen, long PaymentUnapplied, bool Reversed);

    private Task<State> StateOf(long allocationId) => factory.WithDb(db => db.Allocations.Where(a => a.Id == allocationId)
        .Select(a => new State(a.AmountMinor, a.CustomerId, a.Invoice!.OpenMinor, a.Payment!.UnappliedMinor, a.ReversedAt != null)).SingleAsync());

    private Task<long> AnAllocation(int skip) => factory.WithDb(db => db.Allocations
        .Where(a => a.Kind == AllocationKind.Payment && a.ReversedAt == null).OrderBy(a => a.Id).Skip(skip).Select(a => a.Id).FirstAsync());

    private static Task<HttpResponseMessage> Reverse(HttpClient client, long allocationId, string reason) =>
        client.PostForm($"/BackOffice/Allocations/Reverse/{allocationId}", new Dictionary<string, string> { ["Reason"] = reason });

    [Fact]
    public async Task A_manager_reverses_an_application_the_invoice_owes_it_again_and_the_ledger_still_agrees()
    {
        var id = await AnAllocation(0);
        var before = await StateOf(id);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);

        var response = await Reverse(manager, id, "Applied to the wrong invoice");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/BackOffice/Customers/Details/{before.CustomerId}", response.Headers.Location!.OriginalString);

        var after = await StateOf(id);
        Assert.True(after.Reversed);
        Assert.Equal(before.InvoiceOpen + before.AllocationAmount, after.InvoiceOpen);
        Assert.Equal(before.PaymentUnapplied + before.AllocationAmount, after.PaymentUnapplied);
        var check = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
        var audit = await factory.WithDb(db => db.AuditEvents.Where(a => a.Action == "allocation.reverse" && a.EntityType == "Allocation" && a.EntityId == id.ToString()).SingleAsync());
        Assert.Equal(DemoAccounts.Manager.Email, audit.Actor);
        Assert.Contains("ReversedAt", audit.Changes);
        Assert.Contains("Reversed", await manager.GetStringAsync(response.Headers.Location.OriginalString));

        // A second reversal of the same application is refused and changes nothing.
        var again = await Reverse(manager, id, "Again");
        Assert.Contains("already reversed", await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await StateOf(id));
    }

    [Fact]
    public async Task A_specialist_can_neither_open_nor_post_a_reversal_and_sees_no_reverse_link()
    {
        var id = await AnAllocation(1);
        var before = await StateOf(id);
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await specialist.GetAsync($"/BackOffice/Allocations/Reverse/{id}");
        Assert.StartsWith("/Identity/Account/AccessDenied", page.Headers.Location!.PathAndQuery);
        var token = await specialist.AntiforgeryToken($"/BackOffice/Customers/Details/{before.CustomerId}");
        var post = await specialist.PostAsync($"/BackOffice/Allocations/Reverse/{id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "Trying", ["__RequestVerificationToken"] = token }));
        Assert.StartsWith("/Identity/Account/AccessDenied", post.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain("/BackOffice/Allocations/Reverse/", await specialist.GetStringAsync($"/BackOffice/Customers/Details/{before.CustomerId}"));
        Assert.Equal(before, await StateOf(id));
    }

    [Fact]
    public async Task A_reversal_without_a_reason_is_refused_and_changes_nothing()
    {
        var id = await AnAllocation(2);
        var before = await StateOf(id);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var response = await Reverse(manager, id, "   ");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Say why the application is reversed.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateOf(id));
    }

    [Fact]
    public async Task An_unknown_application_is_404()
    {
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/BackOffice/Allocations/Reverse/99999999")).StatusCode);
    }
}
