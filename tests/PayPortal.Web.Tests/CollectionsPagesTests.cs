using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The worklist, the customer 360 and the dunning page through the real pipeline on the demo data.</summary>
public class CollectionsPagesTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private Task<long> CustomerWithPastDue(int skip = 0) => factory.WithDb(db =>
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return db.Invoices.Where(i => i.OpenMinor > i.DisputedMinor && i.DueDate < today).Select(i => i.CustomerId).Distinct().OrderBy(id => id).Skip(skip).FirstAsync();
    });

    [Fact]
    public async Task The_worklist_lists_past_due_accounts_by_priority_for_staff_only()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await staff.GetStringAsync("/BackOffice/Collections");

        Assert.Contains("id=\"worklist-table\"", page);
        var priorities = System.Text.RegularExpressions.Regex.Matches(page, @"<td class=""num""><strong>(\d+)</strong>").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(priorities);
        Assert.Equal(priorities.OrderDescending(), priorities);
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var refused = await customer.GetAsync("/BackOffice/Collections");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Logging_a_call_with_a_promise_takes_the_account_off_the_to_do_list_and_shows_on_the_timeline()
    {
        var id = await CustomerWithPastDue();
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var url = $"/BackOffice/Customers/Collections/{id}";
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");

        var bad = await staff.PostForm(url + "?handler=call", new Dictionary<string, string> { ["Call.Summary"] = "Spoke to AP", ["Call.PromiseAmount"] = "12,3x", ["Call.PromiseDate"] = due }, url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Promised amount:", badPage);
        Assert.Contains("Spoke to AP", badPage); // what was typed is kept
        Assert.Equal(0, await factory.WithDb(db => db.Promises.CountAsync(p => p.CustomerId == id)));

        var done = await staff.PostForm(url + "?handler=call", new Dictionary<string, string> { ["Call.Summary"] = "Spoke to AP; paying next week", ["Call.PromiseAmount"] = "150.00", ["Call.PromiseDate"] = due }, url);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await staff.GetStringAsync(url);
        Assert.Contains("id=\"open-promise\"", page);
        Assert.Contains("Spoke to AP; paying next week Promised USD 150.00 by " + due, page);
        var promise = await factory.WithDb(db => db.Promises.SingleAsync(p => p.CustomerId == id));
        Assert.Equal((15_000L, PromiseStatus.Open), (promise.AmountMinor, promise.Status));
        Assert.DoesNotContain($"/Customers/Collections/{id}\"", await staff.GetStringAsync("/BackOffice/Collections?view=todo"));
        Assert.Contains($"/Customers/Collections/{id}\"", await staff.GetStringAsync("/BackOffice/Collections?view=promised"));

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/BackOffice/Customers/Collections/999999")).StatusCode);
    }

    [Fact]
    public async Task The_dunning_preview_sends_nothing_the_run_sends_once_and_only_managers_edit_steps()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var outboxBefore = await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind.StartsWith("dunning")));

        var preview = await staff.GetStringAsync("/BackOffice/Dunning?handler=preview");
        Assert.Contains("nothing was sent", preview);
        Assert.Contains("id=\"outcome-messages\"", preview);
        Assert.Equal(outboxBefore, await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind.StartsWith("dunning"))));

        var sent = await staff.PostForm("/BackOffice/Dunning?handler=run", new Dictionary<string, string>(), "/BackOffice/Dunning");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var afterFirst = await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind.StartsWith("dunning")));
        Assert.True(afterFirst > outboxBefore);
        await staff.PostForm("/BackOffice/Dunning?handler=run", new Dictionary<string, string>(), "/BackOffice/Dunning");
        Assert.Equal(afterFirst, await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind.StartsWith("dunning"))));
        var future = await staff.PostForm("/BackOffice/Dunning?handler=run", new Dictionary<string, string> { ["as-of"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd") }, "/BackOffice/Dunning");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);

        var (policyId, stepId) = await factory.WithDb(async db => await db.DunningSteps.Where(s => s.OffsetDays == 15).Select(s => new ValueTuple<long, long>(s.DunningPolicyId, s.Id)).FirstAsync());
        var fields = new Dictionary<string, string> { ["Step.OffsetDays"] = "14", ["Step.Action"] = "Email", ["Step.Subject"] = "Hello {{customer.nmae}}", ["Step.Body"] = "Body" };
        var forbidden = await staff.PostForm($"/BackOffice/Dunning?handler=step&policyId={policyId}&stepId={stepId}", fields, "/BackOffice/Dunning");
        Assert.StartsWith("/Identity/Account/AccessDenied", forbidden.Headers.Location!.PathAndQuery);
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var refused = await manager.PostForm($"/BackOffice/Dunning?handler=step&policyId={policyId}&stepId={stepId}", fields, "/BackOffice/Dunning");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Unknown merge field(s): {{customer.nmae}}", refusedPage);
        Assert.Contains("value=\"Hello {{customer.nmae}}\"", refusedPage); // what the manager typed is still there to correct
        fields["Step.Subject"] = "Hello {{customer.name}}";
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostForm($"/BackOffice/Dunning?handler=step&policyId={policyId}&stepId={stepId}", fields, "/BackOffice/Dunning")).StatusCode);
        Assert.Equal(14, await factory.WithDb(db => db.DunningSteps.Where(s => s.Id == stepId).Select(s => s.OffsetDays).SingleAsync()));
        var removeUsed = await manager.PostForm($"/BackOffice/Dunning?handler=removeStep&policyId={policyId}&stepId={stepId}", new Dictionary<string, string>(), "/BackOffice/Dunning");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removeUsed.StatusCode);
    }
}
