using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Collections;

/// <summary>
/// The daily dunning run. First it decides open promises (kept or broken, from the payments); then, for
/// every open invoice, the step of its customer's policy that is due (see <see cref="DunningSchedule"/>),
/// skipping customers with dunning paused or an open promise, invoices in an active plan and disputed
/// amounts. One message per customer and step covers all of its invoices. Each step is recorded per
/// invoice under a unique key in the same transaction as its email, under the write lock: a second
/// run, a restart or two runs at once send nothing twice. A dry run works out exactly the same messages
/// and changes nothing.
/// </summary>
public sealed class DunningRunner(PayPortalDbContext db, DunningPolicies policies, PromiseReview promises, Recipients recipients, DunningMail mail,
    OutboxSignal outbox, IActor actor, TimeProvider clock)
{
    private const int CustomersPerTransaction = 200;

    // Posted invoices that can still take money (Invoice.CanReceiveMoney, in a form SQL can run), both when planning and when sending.
    private static readonly System.Linq.Expressions.Expression<Func<Invoice, bool>> Chaseable =
        i => i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid || i.Status == InvoiceStatus.Disputed;

    public async Task<DunningOutcome> RunAsync(DateOnly asOf, bool dryRun, CancellationToken ct = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        if (!dryRun && asOf > clock.Today())
            throw new DomainRefusal("Dunning can only be sent as of today or an earlier day; preview a later date with a dry run.");
        var review = await promises.ReviewAsync(asOf, save: !dryRun, ct);
        var (kept, broken) = (review.Kept, review.Broken);
        var policyList = dryRun ? await policies.CurrentOrStandardAsync(ct) : await policies.EnsureAsync(ct);
        var (messages, skipped) = await PlanAsync(asOf, policyList, review.OpenPromiseCustomers, ct);
        if (!dryRun)
        {
            var steps = policyList.SelectMany(p => p.Steps).ToDictionary(s => s.Id);
            messages = await SendAsync(asOf, messages, steps, ct);
            db.DunningRuns.Add(new DunningRunRecord
            {
                RunOn = asOf, StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime, By = actor.Name,
                Emails = messages.Count(m => m.Action == DunningAction.Email), Letters = messages.Count(m => m.Action == DunningAction.Letter),
                CallTasks = messages.Count(m => m.Action == DunningAction.CallTask), Invoices = messages.Sum(m => m.Invoices.Count),
                PromisesKept = kept, PromisesBroken = broken,
            });
            using (db.Audit.Begin("dunning.run")) await db.SaveChangesAsync(ct);
            outbox.Notify();
        }
        return new DunningOutcome(asOf, dryRun, messages, skipped, kept, broken);
    }

    private sealed record OpenInvoice(long Id, long CustomerId, string? Number, DateOnly DueDate, long OpenMinor, long DisputedMinor);

    private async Task<(IReadOnlyList<DunningMessage> Messages, Dictionary<DunningSkip, int> Skipped)> PlanAsync(DateOnly asOf, IReadOnlyList<DunningPolicy> policyList, IReadOnlySet<long> promised, CancellationToken ct)
    {
        var skipped = new Dictionary<DunningSkip, int>();
        var earliest = policyList.SelectMany(p => p.Steps).Select(s => s.OffsetDays).DefaultIfEmpty(int.MaxValue).Min();
        if (earliest == int.MaxValue) return ([], skipped);
        // Nothing can be due for an invoice whose due date is later than asOf minus the earliest offset.
        var latestDue = asOf.AddDays(-earliest);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(Chaseable).Where(i => i.OpenMinor > 0 && i.DueDate <= latestDue)
            .Select(i => new OpenInvoice(i.Id, i.CustomerId, i.Number, i.DueDate, i.OpenMinor, i.DisputedMinor))
            .ToListAsync(ct);
        // Only the latest step done matters (a step is never sent once a later one was).
        var lastDone = await db.DunningNotices.AsNoTracking()
            .Join(db.Invoices.Where(i => i.OpenMinor > 0 && i.DueDate <= latestDue), n => n.InvoiceId, i => i.Id, (n, i) => n)
            .GroupBy(n => n.InvoiceId).Select(g => new { InvoiceId = g.Key, Offset = g.Max(n => n.OffsetDays) })
            .ToDictionaryAsync(x => x.InvoiceId, x => x.Offset, ct);
        var inPlan = (await db.PaymentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Active)
            .SelectMany(p => p.Invoices.Select(i => i.InvoiceId)).ToListAsync(ct)).ToHashSet();
        var customerIds = invoices.Select(i => i.CustomerId).Distinct().ToList();
        var customers = new Dictionary<long, (string Number, string Name, string Currency, string? Segment, bool Paused)>();
        foreach (var batch in customerIds.Chunk(5_000))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => batch.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Name, c.CurrencyCode, c.Segment, c.DunningPaused }).ToListAsync(ct))
                customers[c.Id] = (c.Number, c.Name, c.CurrencyCode, c.Segment, c.DunningPaused);
        }
        var addresses = await recipients.RemindersForAsync(customerIds, ct);
        var defaultPolicy = policyList.FirstOrDefault(p => p.Segment is null);
        var bySegment = policyList.Where(p => p.Segment is not null).ToDictionary(p => p.Segment!);
        var stepsOf = policyList.ToDictionary(p => p, p => p.Steps);

        var messages = new List<DunningMessage>();
        foreach (var group in invoices.GroupBy(i => i.CustomerId).OrderBy(g => customers[g.Key].Number, StringComparer.OrdinalIgnoreCase))
        {
            var customer = customers[group.Key];
            var policy = customer.Segment is not null && bySegment.TryGetValue(customer.Segment, out var own) ? own : defaultPolicy;
            if (policy is null) continue;
            var due = new List<(DunningStep Step, DunningLine Line)>();
            foreach (var invoice in group)
            {
                var done = lastDone.TryGetValue(invoice.Id, out var offset) ? new HashSet<int> { offset } : [];
                var candidate = new DunningCandidate(invoice.Id, invoice.DueDate, invoice.OpenMinor, invoice.DisputedMinor, inPlan.Contains(invoice.Id));
                var (step, skip) = DunningSchedule.StepFor(stepsOf[policy], candidate, asOf, done, customer.Paused, promised.Contains(group.Key));
                if (step is null)
                {
                    skipped[skip] = skipped.GetValueOrDefault(skip) + 1;
                    continue;
                }
                due.Add((step, new DunningLine(invoice.Id, invoice.Number ?? "", invoice.DueDate, asOf.DayNumber - invoice.DueDate.DayNumber, invoice.OpenMinor - invoice.DisputedMinor)));
            }
            if (due.Count == 0) continue;
            var to = addresses.GetValueOrDefault(group.Key, []);
            foreach (var byStep in due.GroupBy(d => d.Step).OrderBy(g => g.Key.OffsetDays))
            {
                var step = byStep.Key;
                if (step.Action != DunningAction.CallTask && to.Count == 0)
                {
                    skipped[DunningSkip.NoAddress] = skipped.GetValueOrDefault(DunningSkip.NoAddress) + byStep.Count();
                    continue;
                }
                var lines = byStep.Select(d => d.Line).OrderBy(l => l.DueDate).ThenBy(l => l.Number, StringComparer.Ordinal).ToList();
                var message = new DunningMessage(group.Key, customer.Number, customer.Name, Currency.Parse(customer.Currency), step.Id, step.OffsetDays, step.Action, policy.Name,
                    step.Action == DunningAction.CallTask ? [] : to, "", lines);
                messages.Add(message with { Subject = mail.Subject(step, message, RecipientName.Fallback) });
            }
        }
        return (messages, skipped);
    }

    private async Task<IReadOnlyList<DunningMessage>> SendAsync(DateOnly asOf, IReadOnlyList<DunningMessage> planned, IReadOnlyDictionary<long, DunningStep> steps, CancellationToken ct)
    {
        var sent = new List<DunningMessage>();
        foreach (var batch in planned.GroupBy(m => m.CustomerId).Chunk(CustomersPerTransaction))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            // Under the write lock, from the database as it is now: what another run did meanwhile is not done again, and what
            // changed since planning (a payment, a dispute, a plan, a promise, a pause) is respected.
            var now = await CurrentStateAsync(batch.Select(g => g.Key).ToList(), batch.SelectMany(g => g.SelectMany(m => m.Invoices.Select(i => i.InvoiceId))).Distinct().ToList(), ct);
            var names = await RecipientName.ForCustomersAsync(db, batch.Select(g => g.Key).ToList(), ct);
            var at = clock.GetUtcNow().UtcDateTime;
            foreach (var message in batch.SelectMany(g => g).Where(m => !now.HeldCustomers.Contains(m.CustomerId)))
            {
                var step = steps[message.StepId];
                var lines = message.Invoices
                    .Where(i => !now.Done.Contains((i.InvoiceId, step.Id)) && (!now.LastOffset.TryGetValue(i.InvoiceId, out var offset) || offset < step.OffsetDays))
                    .Where(i => now.Chased.GetValueOrDefault(i.InvoiceId) > 0)
                    .Select(i => i with { ChasedMinor = now.Chased[i.InvoiceId] })
                    .ToList();
                if (lines.Count == 0) continue;
                var fresh = message with { Invoices = lines };
                foreach (var line in lines) db.DunningNotices.Add(new DunningNotice(line.InvoiceId, fresh.CustomerId, step, asOf, line.ChasedMinor, at));
                foreach (var to in fresh.To) db.Outbox.Add(mail.Compose(step, fresh, to, RecipientName.For(names, to), at, asOf));
                if (step.Action == DunningAction.Letter)
                    db.CommunicationLog.Add(new CommunicationLogEntry { CustomerId = fresh.CustomerId, At = at, Channel = CommunicationLogEntry.Letter,
                        Summary = $"{fresh.Subject} ({fresh.Invoices.Count} invoice(s), {fresh.Total}) sent to {string.Join(", ", fresh.To)}" });
                sent.Add(fresh);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    private sealed record CurrentState(HashSet<(long InvoiceId, long StepId)> Done, Dictionary<long, int> LastOffset, Dictionary<long, long> Chased, HashSet<long> HeldCustomers);

    private async Task<CurrentState> CurrentStateAsync(IReadOnlyList<long> customerIds, IReadOnlyList<long> invoiceIds, CancellationToken ct)
    {
        var done = new HashSet<(long, long)>();
        var lastOffset = new Dictionary<long, int>();
        var chased = new Dictionary<long, long>();
        var planned = db.PaymentPlans.Where(p => p.Status == PlanStatus.Active).SelectMany(p => p.Invoices).Select(pi => pi.InvoiceId);
        foreach (var chunk in invoiceIds.Chunk(5_000))
        {
            foreach (var n in await db.DunningNotices.AsNoTracking().Where(n => chunk.Contains(n.InvoiceId)).Select(n => new { n.InvoiceId, n.DunningStepId, n.OffsetDays }).ToListAsync(ct))
            {
                done.Add((n.InvoiceId, n.DunningStepId));
                lastOffset[n.InvoiceId] = Math.Max(lastOffset.GetValueOrDefault(n.InvoiceId, int.MinValue), n.OffsetDays);
            }
            foreach (var i in await db.Invoices.AsNoTracking().Where(Chaseable).Where(i => chunk.Contains(i.Id) && !planned.Contains(i.Id))
                         .Select(i => new { i.Id, Chased = i.OpenMinor - i.DisputedMinor }).ToListAsync(ct))
                chased[i.Id] = i.Chased;
        }
        var held = (await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id) && (c.DunningPaused || db.Promises.Any(p => p.CustomerId == c.Id && p.Status == PromiseStatus.Open)))
            .Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return new CurrentState(done, lastOffset, chased, held);
    }
}
