using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Email;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Plans;

public sealed record PlanRunResult(int Reminders, int Broken, int Completed);

/// <summary>
/// The daily look at active plans: a reminder before each installment falls due (once per installment),
/// completion when nothing is owed, and breaking a plan whose installment is unpaid past the grace
/// period (the customer and the assigned specialist are told; its invoices return to collections).
/// Running it again the same day changes and sends nothing more.
/// </summary>
public sealed class PlanMonitor(PayPortalDbContext db, IOptions<PlanOptions> options, Recipients recipients, NoticeMail notices, PortalLinks links, OutboxSignal outbox, TimeProvider clock)
{
    public async Task<PlanRunResult> RunAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.PaymentPlans.Include(p => p.Installments).Where(p => p.Status == PlanStatus.Active).OrderBy(p => p.Id).ToListAsync(ct);
        var (reminders, broken, completed) = (0, 0, 0);
        foreach (var plan in active)
        {
            var open = await db.PaymentPlans.Where(p => p.Id == plan.Id).SelectMany(p => p.Invoices).SumAsync(i => i.Invoice!.OpenMinor, ct);
            if (plan.Review(open, asOf, o.GraceDays, now))
            {
                if (plan.Status == PlanStatus.Broken)
                {
                    broken++;
                    await notices.ToCustomerAsync(plan.CustomerId, plan.RequestedByUserId, "plan", "Your payment plan has ended",
                        $"{plan.Note}\n\nThe plan has ended and its invoices are payable in full as usual. Please contact us if you need to talk about it.",
                        links.PortalPlan(plan.Id), "Open your plan", ct);
                    if (plan.AssigneeUserId is not null && await db.Users.Where(u => u.Id == plan.AssigneeUserId).Select(u => u.Email).SingleOrDefaultAsync(ct) is { } staff)
                        notices.Queue([staff], plan.CustomerId, "plan", $"Payment plan #{plan.Id} broke", $"{plan.Note}\n\nIts invoices are back in normal collections.", links.BackOfficePlan(plan.Id), "Open the plan");
                }
                else
                {
                    completed++;
                    await notices.ToCustomerAsync(plan.CustomerId, plan.RequestedByUserId, "plan", "Your payment plan is complete",
                        $"Thank you: the {plan.Total} of your payment plan is paid in full.", links.PortalPlan(plan.Id), "Open your plan", ct);
                }
                db.AuditAction = plan.Status == PlanStatus.Broken ? "plan.broken" : "plan.completed";
                await db.SaveChangesAsync(ct);
                continue;
            }
            if (plan.NextDue(open) is { } due && due.Installment.ReminderSentAt is null
                && due.Installment.DueDate >= asOf && due.Installment.DueDate.DayNumber - asOf.DayNumber <= o.ReminderDaysBefore)
            {
                var to = await recipients.RemindersAsync(plan.CustomerId, ct);
                notices.Queue(to, plan.CustomerId, "plan-reminder", $"Installment {due.Installment.Number} of your payment plan is due {due.Installment.DueDate:yyyy-MM-dd}",
                    $"A reminder: installment {due.Installment.Number} of {plan.InstallmentCount}, {new Money(due.DueMinor, plan.Currency)}, is due {due.Installment.DueDate:yyyy-MM-dd}. You can pay it in the portal.",
                    links.PortalPlan(plan.Id), "Pay the installment");
                due.Installment.ReminderSentAt = now;
                db.AuditAction = "plan.reminder";
                await db.SaveChangesAsync(ct);
                reminders++;
            }
        }
        outbox.Notify();
        return new(reminders, broken, completed);
    }
}
