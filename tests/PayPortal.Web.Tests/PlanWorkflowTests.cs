using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Plans;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Payment plans from the customer's request through the policy or a specialist's decision to installments paid and plans broken.</summary>
public class PlanWorkflowTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Open, undisputed invoices of the account not in any plan, with their open amounts, oldest due first.</summary>
    private Task<List<(long Id, long Open)>> Candidates(string email) => factory.WithDb(async db =>
    {
        var customerId = await db.Users.Where(u => u.Email == email).Select(u => u.CustomerId).SingleAsync();
        var inPlans = db.PaymentPlans.SelectMany(p => p.Invoices).Select(i => i.InvoiceId);
        var rows = await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.Status != InvoiceStatus.Void && !inPlans.Contains(i.Id))
            .OrderBy(i => i.DueDate).Select(i => new { i.Id, i.OpenMinor }).ToListAsync();
        return rows.Select(r => (r.Id, r.OpenMinor)).ToList();
    });

    private static Task<HttpResponseMessage> Request(HttpClient client, IEnumerable<long> invoices, int count, string frequency, DateOnly first)
    {
        var fields = invoices.Select(id => new KeyValuePair<string, string>("invoice", id.ToString(CultureInfo.InvariantCulture))).ToList();
        fields.Add(new("Terms.Installments", count.ToString(CultureInfo.InvariantCulture)));
        fields.Add(new("Terms.Frequency", frequency));
        fields.Add(new("Terms.FirstDate", Day(first)));
        return PostAll(client, "/Portal/Plans/New", fields, "/Portal/Plans/New");
    }

    private static async Task<HttpResponseMessage> PostAll(HttpClient client, string url, List<KeyValuePair<string, string>> fields, string tokenFrom)
    {
        fields.Add(new("__RequestVerificationToken", await client.AntiforgeryToken(tokenFrom)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private Task<PaymentPlan> Plan(long id) => factory.WithDb(db => db.PaymentPlans.AsNoTracking().Include(p => p.Installments).SingleAsync(p => p.Id == id));

    private static long IdFrom(HttpResponseMessage response) => long.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);

    [Fact]
    public async Task Within_the_limits_a_plan_is_active_at_once_and_its_schedule_adds_up()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var small = (await Candidates(DemoAccounts.OtherCustomer.Email)).Where(c => c.Open < 5_000_00).Take(1).ToList();
        Assert.Single(small);
        var preview = await PostAll(client, "/Portal/Plans/New?handler=Preview",
            [new("invoice", small[0].Id.ToString()), new("Terms.Installments", "3"), new("Terms.Frequency", "Monthly"), new("Terms.FirstDate", Day(Today.AddDays(5)))], "/Portal/Plans/New");
        Assert.Contains("approved as soon as you send it", await preview.Content.ReadAsStringAsync());

        var sent = await Request(client, small.Select(s => s.Id), 3, "Monthly", Today.AddDays(5));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var plan = await Plan(IdFrom(sent));
        Assert.Equal((PlanStatus.Active, "policy"), (plan.Status, plan.DecidedBy));
        Assert.Equal(small[0].Open, plan.Installments.Sum(i => i.AmountMinor));
        Assert.True(await factory.WithDb(db => db.Outbox.AnyAsync(m => m.Kind == "plan" && m.To == DemoAccounts.OtherCustomer.Email && m.Subject == "Your payment plan: active")));
        Assert.Contains("Pay installment 1 now", await client.GetStringAsync($"/Portal/Plans/Details/{plan.Id}"));

        var again = await Request(client, small.Select(s => s.Id), 2, "Weekly", Today.AddDays(5));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode); // already in a plan: it is no longer offered, and a forged request is refused
    }

    [Fact]
    public async Task Over_the_limits_the_specialist_counter_offers_the_customer_accepts_and_pays_the_first_installment()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var invoices = await Candidates(DemoAccounts.Customer.Email);
        var sent = await Request(client, invoices.Take(3).Select(i => i.Id), 12, "Monthly", Today.AddDays(10));
        var id = IdFrom(sent);
        Assert.Equal(PlanStatus.Requested, (await Plan(id)).Status);

        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Contains("Acme Fabrication", await staff.GetStringAsync("/BackOffice/Plans"));
        var detail = $"/BackOffice/Plans/Details/{id}";
        var past = await staff.PostForm($"{detail}?handler=Counter", new Dictionary<string, string>
            { ["Counter.Installments"] = "4", ["Counter.Frequency"] = "Monthly", ["Counter.FirstDate"] = Day(Today.AddDays(-1)) }, detail);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("cannot be in the past", await past.Content.ReadAsStringAsync());
        var countered = await staff.PostForm($"{detail}?handler=Counter", new Dictionary<string, string>
            { ["Counter.Installments"] = "4", ["Counter.Frequency"] = "Monthly", ["Counter.FirstDate"] = Day(Today), ["Reason"] = "We can do four months." }, detail);
        Assert.Equal(HttpStatusCode.Redirect, countered.StatusCode);
        Assert.Equal((PlanStatus.CounterOffered, 4), ((await Plan(id)).Status, (await Plan(id)).InstallmentCount));

        var other = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Portal/Plans/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostForm($"/Portal/Plans/Details/{id}?handler=Accept", new Dictionary<string, string>(), "/Portal/Plans/New")).StatusCode);
        Assert.Equal(PlanStatus.CounterOffered, (await Plan(id)).Status);

        var page = await client.GetStringAsync($"/Portal/Plans/Details/{id}");
        Assert.Contains("We can do four months.", page);
        var accepted = await client.PostForm($"/Portal/Plans/Details/{id}?handler=Accept", new Dictionary<string, string>(), $"/Portal/Plans/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var plan = await Plan(id);
        Assert.Equal(PlanStatus.Active, plan.Status);

        var pay = await client.PostForm($"/Portal/Plans/Details/{id}?handler=Pay", new Dictionary<string, string>(), $"/Portal/Plans/Details/{id}");
        var checkout = pay.Headers.Location!;
        Assert.StartsWith("/stripe-sandbox/checkout/", checkout.AbsolutePath);
        var paid = await PaymentTests.PayOnCheckoutPage(client, checkout, "Card", ("CardNumber", "4242 4242 4242 4242"));
        Assert.Contains("your payment went through", await client.GetStringAsync(paid.Headers.Location!.PathAndQuery));
        var open = await factory.Service(sp => sp.GetRequiredService<PlanDesk>().InvoicesOpenAsync(id));
        Assert.Equal(plan.TotalMinor - plan.Installments[0].AmountMinor, open);
        Assert.Contains("Pay installment 2 now", await client.GetStringAsync($"/Portal/Plans/Details/{id}"));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task Outside_the_bounds_a_request_is_refused_declining_needs_a_reason_and_customers_cannot_decide()
    {
        var client = await factory.SignedInAs(DemoAccounts.CustomerColleague.Email);
        var invoices = await Candidates(DemoAccounts.CustomerColleague.Email);
        var before = await factory.WithDb(db => db.PaymentPlans.CountAsync());
        var refused = await Request(client, invoices.Take(1).Select(i => i.Id), 40, "Weekly", Today.AddDays(-2));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(body.Contains("Choose 2 to 36 installments."), body[body.IndexOf("<main")..Math.Min(body.Length, body.IndexOf("<main") + 3000)]);
        Assert.Equal(before, await factory.WithDb(db => db.PaymentPlans.CountAsync()));

        var id = IdFrom(await Request(client, invoices.Skip(1).Take(2).Select(i => i.Id), 10, "Monthly", Today.AddDays(3)));
        Assert.StartsWith("/Identity/Account/AccessDenied", (await client.GetAsync($"/BackOffice/Plans/Details/{id}")).Headers.Location!.PathAndQuery);

        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var detail = $"/BackOffice/Plans/Details/{id}";
        var noReason = await staff.PostForm($"{detail}?handler=Decline", new Dictionary<string, string> { ["Reason"] = " " }, detail);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Say why the plan is declined.", await noReason.Content.ReadAsStringAsync());
        await staff.PostForm($"{detail}?handler=Decline", new Dictionary<string, string> { ["Reason"] = "The account is on credit hold." }, detail);
        Assert.Equal(PlanStatus.Declined, (await Plan(id)).Status);
        var approveLate = await staff.PostForm($"{detail}?handler=Approve", new Dictionary<string, string>(), detail);
        Assert.Contains("Only a requested plan can be approved", await approveLate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reminders_go_out_once_before_a_due_date_and_an_unpaid_installment_breaks_the_plan_after_the_grace_period()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var invoice = (await Candidates(DemoAccounts.OtherCustomer.Email)).First(c => c.Open < 5_000_00);
        var id = IdFrom(await Request(client, [invoice.Id], 2, "Weekly", Today.AddDays(2)));
        var plan = await Plan(id);
        Assert.Equal(PlanStatus.Active, plan.Status);
        var staff = await factory.SignedInAs(DemoAccounts.Manager.Email);

        async Task<PlanRunResult> Run(DateOnly asOf)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PlanMonitor>().RunAsync(asOf);
        }
        var reminders = await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind == "plan-reminder"));
        Assert.True((await Run(Today)).Reminders >= 1);
        Assert.Equal(0, (await Run(Today)).Reminders); // a second run the same day sends nothing twice
        Assert.True(await factory.WithDb(db => db.Outbox.CountAsync(m => m.Kind == "plan-reminder")) > reminders);

        var firstDue = plan.Installments[0].DueDate;
        var grace = factory.Service(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlanOptions>>().Value.GraceDays);
        await Run(firstDue.AddDays(grace));
        Assert.Equal(PlanStatus.Active, (await Plan(id)).Status);
        Assert.True((await Run(firstDue.AddDays(grace + 1))).Broken >= 1);
        var broken = await Plan(id);
        Assert.Equal(PlanStatus.Broken, broken.Status);
        Assert.Contains("Installment 1", broken.Note);
        Assert.True(await factory.WithDb(db => db.Outbox.AnyAsync(m => m.To == DemoAccounts.OtherCustomer.Email && m.Subject == "Your payment plan has ended")));
        Assert.Contains("Broken", await staff.GetStringAsync("/BackOffice/Plans?show=broken"));
    }
}
