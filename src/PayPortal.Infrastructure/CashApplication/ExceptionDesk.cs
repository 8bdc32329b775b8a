using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>One invoice and the cash a specialist puts on it.</summary>
public sealed record ManualAllocation(long InvoiceId, long CashMinor);

/// <summary>
/// The exceptions workbench's steps: accept a suggestion, apply by hand (split over invoices, any rest
/// on account), keep it on account, or mark it as not a customer's. Every manual application teaches
/// the payer's name and account to the alias table. Undoing an application (a manager's step) reverses
/// it in the ledger and puts the line back in the queue, its cash unapplied on the same payment.
/// </summary>
public sealed class ExceptionDesk(PayPortalDbContext db, DeskStep steps, TimeProvider clock)
{
    public async Task<StepResult> AcceptSuggestionAsync(long lineId, int index, string by, CancellationToken ct = default)
    {
        var line = await db.BankLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return StepResult.Fail("No such bank line.");
        var proposals = ProposalJson.Read(line.Suggestions);
        if (index < 0 || index >= proposals.Count || proposals[index].CustomerId is not { } customerId)
            return StepResult.Fail("That suggestion is no longer there; reload the line.");
        var proposal = proposals[index];
        return await ApplyAsync(lineId, customerId, proposal.Allocations.Select(a => new ManualAllocation(a.InvoiceId, a.CashMinor)).ToList(), by, ct,
            discounts: proposal.Allocations.ToDictionary(a => a.InvoiceId, a => a.DiscountMinor), rule: $"accepted: {proposal.Rule}", confidence: proposal.Confidence);
    }

    /// <summary>Puts the line's money on the invoices named (one customer's), the rest on that customer's account.</summary>
    public Task<StepResult> ApplyAsync(long lineId, long customerId, IReadOnlyList<ManualAllocation> allocations, string by, CancellationToken ct = default,
        IReadOnlyDictionary<long, long>? discounts = null, string rule = "manual", double? confidence = null) =>
        steps.RunAsync("bank.apply", async () =>
        {
            var line = await db.BankLines.SingleOrDefaultAsync(l => l.Id == lineId, ct) ?? throw new KeyNotFoundException();
            if (line.Status is not BankLineStatus.Exception) throw new DomainRefusal($"Bank line {line.BankReference} is not waiting ({line.Status}).");
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new DomainRefusal("No such customer.");
            if (allocations.Any(a => a.CashMinor <= 0)) throw new DomainRefusal("Every amount must be above zero.");
            if (allocations.GroupBy(a => a.InvoiceId).Any(g => g.Count() > 1)) throw new DomainRefusal("Name each invoice once.");
            var total = allocations.Sum(a => a.CashMinor);
            if (total > line.AmountMinor) throw new DomainRefusal($"The amounts come to {new Money(total, line.Amount.Currency)}, more than the line's {line.Amount}.");
            var ids = allocations.Select(a => a.InvoiceId).ToList();
            var invoices = await db.Invoices.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            if (invoices.Count != ids.Count) throw new DomainRefusal("One of the invoices cannot be found.");
            var now = clock.GetUtcNow().UtcDateTime;
            var proposed = allocations.Select(a => new ProposedAllocation(a.InvoiceId, invoices[a.InvoiceId].Number ?? "", a.CashMinor, discounts?.GetValueOrDefault(a.InvoiceId) ?? 0)).ToList();

            if (line.PaymentId is { } paymentId)
            {
                // Undone earlier: its money is already received, unapplied on that payment; apply from it.
                var payment = await db.Payments.Include(p => p.Customer).SingleAsync(p => p.Id == paymentId, ct);
                if (payment.CustomerId != customerId) throw new DomainRefusal($"This line's money was received for {payment.Customer!.Name}; apply it to their invoices or account.");
                foreach (var a in proposed)
                {
                    var (allocation, journal) = Postings.Allocate(payment, invoices[a.InvoiceId], new Money(a.CashMinor, payment.Currency), line.BookingDate, now, rule);
                    db.Allocations.Add(allocation);
                    db.Journals.Add(journal);
                }
                line.MarkApplied(payment, rule, confidence, ShortPayReason.None, automatic: false, by, now);
            }
            else CashApplier.Apply(db, line, customer, invoices, proposed, rule, confidence, ShortPayReason.None, automatic: false, by, now);

            await LearnAsync(line, customerId, now, ct);
            var onAccount = line.AmountMinor - total;
            return (line.Id, $"{line.Amount} from {line.BankReference} applied to {customer.Name}"
                + (allocations.Count > 0 ? $": {string.Join(", ", proposed.Select(p => $"{p.InvoiceNumber} {new Money(p.CashMinor, line.Amount.Currency)}"))}" : "")
                + (onAccount > 0 ? $"; {new Money(onAccount, line.Amount.Currency)} kept on account." : "."));
        }, "No such bank line.", "Someone applied this line or these invoices at the same time; nothing was saved. Reload and try again.", outbox: null, ct);

    public async Task<StepResult> MarkNonCustomerAsync(long lineId, string by, CancellationToken ct = default)
    {
        var line = await db.BankLines.SingleOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null) return StepResult.Fail("No such bank line.");
        if (line.PaymentId is not null) return StepResult.Fail("This line's money was received for a customer; apply it to their invoices or account.");
        try
        {
            line.MarkNonCustomer(by, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainRefusal refusal)
        {
            return StepResult.Fail(refusal.Message);
        }
        try
        {
            using (db.Audit.Begin("bank.non-customer")) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StepResult.Fail("Someone decided this line at the same time; reload it.");
        }
        return new(true, $"{line.BankReference} kept as not a customer's payment.", line.Id);
    }

    /// <summary>A manager's undo: every application of the line's payment is reversed in the ledger; the line waits again.</summary>
    public Task<StepResult> UndoAsync(long lineId, string reason, CancellationToken ct = default) =>
        steps.RunAsync("bank.undo", async () =>
        {
            if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the application is undone.");
            var line = await db.BankLines.SingleOrDefaultAsync(l => l.Id == lineId, ct) ?? throw new KeyNotFoundException();
            if (line.Status is not (BankLineStatus.AutoApplied or BankLineStatus.Applied) || line.PaymentId is null) throw new DomainRefusal("This line has not been applied.");
            var allocations = await db.Allocations.Include(a => a.Invoice).Include(a => a.Payment)
                .Where(a => a.PaymentId == line.PaymentId && a.ReversedAt == null).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var allocation in allocations) db.Journals.Add(Postings.ReverseAllocation(allocation, reason, clock.Today(), now));
            line.ReturnToExceptions();
            return (line.Id, $"Undone: {allocations.Count} application(s) of {line.BankReference} reversed; the line is back in the queue.");
        }, "No such bank line.", "Someone changed these invoices at the same time; nothing was undone. Reload and try again.", outbox: null, ct);

    private async Task LearnAsync(BankStatementLine line, long customerId, DateTime now, CancellationToken ct)
    {
        var name = Normalize.NameKey(line.PayerName);
        var account = line.PayerAccount is { Length: > 0 } a ? Normalize.AccountKey(a) : null;
        if (name.Length > 0 && !await db.PayerAliases.AnyAsync(x => x.NameKey == name, ct))
            db.PayerAliases.Add(new PayerAlias(customerId, name, null, now, line.BankReference));
        if (account is { Length: > 0 } && !await db.PayerAliases.AnyAsync(x => x.AccountKey == account, ct))
            db.PayerAliases.Add(new PayerAlias(customerId, null, account, now, line.BankReference));
    }
}
