using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Plans;

/// <summary>
/// Payment plans from request to decision: the customer asks (the policy approves at once or queues it),
/// a specialist approves, declines or counter-offers, the customer accepts or declines a counter-offer,
/// and either side's specialist may cancel. Each step is one audited save and emails the customer.
/// </summary>
public sealed class PlanDesk(PayPortalDbContext db, DeskStep steps, IOptions<PlanOptions> options, NoticeMail notices, IPortalUrls links, OutboxSignal outbox, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The schedule a request would get, and whether it would be approved at once, without saving anything.</summary>
    public async Task<(IReadOnlyList<ScheduledInstallment> Schedule, PlanDecision? Decision, IReadOnlyList<string> Reasons)> PreviewAsync(
        long customerId, IReadOnlyList<long> invoiceIds, PlanTerms terms, CancellationToken ct = default)
    {
        var (customer, invoices, problems) = await PlanInvoicesAsync(customerId, invoiceIds, ct);
        if (problems.Count > 0) return ([], null, problems);
        var total = new Money(invoices.Sum(i => i.OpenMinor), customer!.Currency);
        var (decision, reasons) = options.Value.Policy.Evaluate(total, terms, clock.Today());
        return decision is null ? ([], null, reasons) : (PlanSchedule.Build(total, terms), decision, reasons);
    }

    public Task<StepResult> RequestAsync(long customerId, string? contactUserId, IReadOnlyList<long> invoiceIds, PlanTerms terms, CancellationToken ct = default) =>
        SaveAsync("plan.request", async () =>
        {
            // Inside the write lock: a double submit waits here and then finds the invoices already in a plan.
            var (customer, invoices, problems) = await PlanInvoicesAsync(customerId, invoiceIds, ct);
            if (problems.Count > 0) throw new DomainRefusal(string.Join(" ", problems));
            var (plan, reasons) = PaymentPlan.Request(customer!, invoices, terms, options.Value.Policy, clock.Today(), Now, contactUserId);
            if (plan is null) throw new DomainRefusal(string.Join(" ", reasons));
            db.PaymentPlans.Add(plan);
            await db.SaveChangesAsync(ct); // the id names the plan in the email
            var active = plan.Status == PlanStatus.Active;
            await TellCustomerAsync(plan, active ? "active" : "received",
                active ? $"Your payment plan is active: {Describe(plan)}. The first installment is due {plan.FirstDate:yyyy-MM-dd}; you can pay each one in the portal."
                       : $"We received your request for a payment plan ({Describe(plan)}). A specialist will review it because {plan.ReviewReasons}.", ct);
            return (plan, active ? $"Your plan is approved and active. First installment {Money(plan, plan.Installments[0].AmountMinor)} due {plan.FirstDate:yyyy-MM-dd}."
                                 : $"Your request was sent; a specialist will review it because {plan.ReviewReasons}.");
        }, ct);

    public Task<StepResult> ApproveAsync(long planId, string by, string userId, CancellationToken ct = default) =>
        OnPlanAsync(planId, null, "plan.approve", async plan =>
        {
            plan.Approve(by, userId, clock.Today(), Now);
            await TellCustomerAsync(plan, "approved", $"Your payment plan was approved: {Describe(plan)}. The first installment is due {plan.FirstDate:yyyy-MM-dd}.", ct);
            return "Plan approved; the customer was told.";
        }, ct);

    public Task<StepResult> DeclineAsync(long planId, string by, string reason, CancellationToken ct = default) =>
        OnPlanAsync(planId, null, "plan.decline", async plan =>
        {
            plan.Decline(by, reason, Now);
            await TellCustomerAsync(plan, "declined", $"We cannot agree to the payment plan you asked for:\n\n{reason.Trim()}\n\nThe invoices are payable as usual.", ct);
            return "Plan declined; the customer was told why.";
        }, ct);

    public Task<StepResult> CounterOfferAsync(long planId, string by, string userId, PlanTerms terms, string? note, CancellationToken ct = default) =>
        OnPlanAsync(planId, null, "plan.counter-offer", async plan =>
        {
            plan.CounterOffer(by, userId, terms, note, clock.Today(), Now);
            await TellCustomerAsync(plan, "counter-offer", $"We can offer a plan of {Describe(plan)} instead of what you asked for."
                + (string.IsNullOrWhiteSpace(note) ? "" : $"\n\n{note.Trim()}") + "\n\nAccept or decline it in the portal.", ct);
            return "Counter-offer sent to the customer.";
        }, ct);

    public Task<StepResult> AcceptCounterOfferAsync(long customerId, long planId, CancellationToken ct = default) =>
        OnPlanAsync(planId, customerId, "plan.counter-offer.accept", async plan =>
        {
            plan.AcceptCounterOffer(clock.Today(), Now);
            await TellCustomerAsync(plan, "active", $"You accepted the plan: {Describe(plan)}. The first installment is due {plan.FirstDate:yyyy-MM-dd}.", ct);
            return "You accepted the counter-offer; the plan is active.";
        }, ct);

    public Task<StepResult> DeclineCounterOfferAsync(long customerId, long planId, CancellationToken ct = default) =>
        OnPlanAsync(planId, customerId, "plan.counter-offer.decline", plan =>
        {
            plan.DeclineCounterOffer(Now);
            return Task.FromResult("You declined the counter-offer; the invoices are payable as usual.");
        }, ct);

    public Task<StepResult> CancelAsync(long planId, string by, string reason, CancellationToken ct = default) =>
        OnPlanAsync(planId, null, "plan.cancel", async plan =>
        {
            plan.Cancel(by, reason, Now);
            await TellCustomerAsync(plan, "cancelled", $"Your payment plan was cancelled:\n\n{reason.Trim()}\n\nThe invoices it covered are payable as usual.", ct);
            return "Plan cancelled; its invoices are back in normal collections.";
        }, ct);

    /// <summary>What the plan's invoices still owe now.</summary>
    public Task<long> InvoicesOpenAsync(long planId, CancellationToken ct = default) =>
        db.PaymentPlans.Where(p => p.Id == planId).SelectMany(p => p.Invoices).SumAsync(i => i.Invoice!.OpenMinor, ct);

    public static string Describe(PaymentPlan plan) =>
        $"{plan.InstallmentCount} {plan.Frequency.ToString().ToLowerInvariant()} installments of about {Money(plan, plan.Installments[0].AmountMinor)} for {plan.Total}, from {plan.FirstDate:yyyy-MM-dd} to {plan.Installments[^1].DueDate:yyyy-MM-dd}";

    private static Money Money(PaymentPlan plan, long minor) => new(minor, plan.Currency);

    private async Task<(Domain.Customers.Customer? Customer, List<Invoice> Invoices, List<string> Problems)> PlanInvoicesAsync(long customerId, IReadOnlyList<long> invoiceIds, CancellationToken ct)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        var ids = invoiceIds.Distinct().ToList();
        var invoices = await db.Invoices.Where(i => i.CustomerId == customerId && ids.Contains(i.Id) && i.Status != InvoiceStatus.Draft).ToListAsync(ct);
        var problems = new List<string>();
        if (customer is null || invoices.Count != ids.Count) problems.Add("One of the invoices cannot be found.");
        var inPlans = await db.PaymentPlans
            .Where(p => p.CustomerId == customerId && PaymentPlan.LiveStatuses.Contains(p.Status))
            .SelectMany(p => p.Invoices).Where(i => ids.Contains(i.InvoiceId)).Select(i => i.InvoiceNumber).ToListAsync(ct);
        problems.AddRange(inPlans.Select(n => $"Invoice {n} is already in a payment plan."));
        return (customer, invoices, problems);
    }

    private Task TellCustomerAsync(PaymentPlan plan, string what, string body, CancellationToken ct) =>
        notices.ToCustomerAsync(plan.CustomerId, plan.RequestedByUserId, "plan", $"Your payment plan: {what}", body, links.Plan(plan.Id), "Open your plan", ct);

    private async Task<StepResult> OnPlanAsync(long planId, long? customerId, string action, Func<PaymentPlan, Task<string>> step, CancellationToken ct) =>
        await SaveAsync(action, async () =>
        {
            var plan = await db.PaymentPlans.Include(p => p.Installments).Include(p => p.Invoices).Include(p => p.Customer)
                .SingleOrDefaultAsync(p => p.Id == planId && (customerId == null || p.CustomerId == customerId), ct)
                ?? throw new KeyNotFoundException();
            return (plan, await step(plan));
        }, ct);

    private async Task<StepResult> SaveAsync(string action, Func<Task<(PaymentPlan Plan, string Message)>> step, CancellationToken ct) =>
        await steps.RunAsync(action, async () =>
        {
            var (plan, message) = await step();
            return (plan.Id, message);
        }, NotFound, "Someone changed this plan at the same time; nothing was saved. Reload and try again.", outbox, ct);

    public const string NotFound = "No such payment plan.";
}
