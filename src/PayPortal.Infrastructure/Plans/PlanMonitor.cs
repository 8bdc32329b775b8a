using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Plans;

public sealed record PlanRunResult(int Reminders, int Broken, int Completed);

/// <summary>
/// The daily look at active plans: a reminder before each installment falls due (once per installment),
/// completion when nothing is owed, and breaking a plan whose installment is unpaid past the grace
/// period (the customer and the assigned specialist are told; its invoices return to collections).
/// Running it again the same day, or two runs at once, changes and sends nothing more.
/// </summary>
public sealed class PlanMonitor(PayPortalDbContext db, IOptions<PlanOptions> options, Recipients recipients, NoticeMail notices, IPortalUrls links, OutboxSignal outbox, TimeProvider clock)
{
    private enum Outcome { Nothing, Reminded, Broken, Completed }

    public async Task<PlanRunResult> RunAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var ids = await db.PaymentPlans.Where(p => p.Status == PlanStatus.Active).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var outcomes = new List<Outcome>();
        foreach (var id in ids)
        {
            try
            {
                outcomes.Add(await ReviewAsync(id, asOf, ct));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another run (the hourly worker or the CLI) handled this plan at the same moment: its outcome stands.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        outbox.Notify();
        return new(outcomes.Count(o => o == Outcome.Reminded), outcomes.Count(o => o == Outcome.Broken), outcomes.Count(o => o == Outcome.Completed));
    }

    private async Task<Outcome> ReviewAsync(long planId, DateOnly asOf, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = await db.PaymentPlans.Include(p => p.Installments).SingleAsync(p => p.Id == planId, ct);
        if (plan.Status != PlanStatus.Active) return Outcome.Nothing;
        var open = await db.PaymentPlans.Where(p => p.Id == plan.Id).SelectMany(p => p.Invoices).SumAsync(i => i.Invoice!.OpenMinor, ct);

        if (plan.Review(open, asOf, o.GraceDays, now))
        {
            if (plan.Status == PlanStatus.Broken)
            {
                await notices.ToCustomerAsync(plan.CustomerId, plan.RequestedByUserId, "plan", "Your payment plan has ended",
                    $"{plan.Note}\n\nThe plan has ended and its invoices are payable in full as usual. Please contact us if you need to talk about it.",
                    links.Plan(plan.Id), "Open your plan", ct);
                if (plan.AssigneeUserId is not null && await db.Users.Where(u => u.Id == plan.AssigneeUserId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } staff)
                    notices.Queue([staff], plan.CustomerId, "plan", $"Payment plan #{plan.Id} broke", $"{plan.Note}\n\nIts invoices are back in normal collections.", links.BackOfficePlan(plan.Id), "Open the plan");
            }
            else
            {
                await notices.ToCustomerAsync(plan.CustomerId, plan.RequestedByUserId, "plan", "Your payment plan is complete",
                    $"Nothing is owed any more on the invoices of your payment plan for {plan.Total}; the plan is complete. Thank you.", links.Plan(plan.Id), "Open your plan", ct);
            }
            using (db.Audit.Begin(plan.Status == PlanStatus.Broken ? "plan.broken" : "plan.completed")) await db.SaveChangesAsync(ct);
            return plan.Status == PlanStatus.Broken ? Outcome.Broken : Outcome.Completed;
        }

        if (plan.NextDue(open) is not { } due || due.Installment.ReminderSentAt is not null
            || due.Installment.DueDate < asOf || due.Installment.DueDate.DayNumber - asOf.DayNumber > o.ReminderDaysBefore)
            return Outcome.Nothing;
        notices.Queue(await recipients.RemindersAsync(plan.CustomerId, ct), plan.CustomerId, "plan-reminder",
            $"Installment {due.Installment.Number} of your payment plan is due {due.Installment.DueDate:yyyy-MM-dd}",
            $"A reminder: installment {due.Installment.Number} of {plan.InstallmentCount}, {new Money(due.DueMinor, plan.Currency)}, is due {due.Installment.DueDate:yyyy-MM-dd}. You can pay it in the portal.",
            links.Plan(plan.Id), "Pay the installment");
        due.Installment.ReminderSentAt = now;
        using (db.Audit.Begin("plan.reminder")) await db.SaveChangesAsync(ct);
        return Outcome.Reminded;
    }
}
