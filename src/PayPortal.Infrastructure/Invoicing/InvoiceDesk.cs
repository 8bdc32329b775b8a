using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Approvals;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Invoicing;

/// <summary>A draft's header and lines as a specialist entered them.</summary>
public sealed record DraftInput(DateOnly IssueDate, PaymentTerms Terms, string? PoNumber, string? ProjectCode, bool AllowPartialPayment,
    IReadOnlyList<InvoiceLineDraft> Lines);

/// <summary>
/// The back office's invoicing: drafts that take the customer's terms, posting (numbered from the
/// sequence, entered in the ledger, immutable from then on), voids with a reason, and credit memos in
/// full or by line, applied to the invoice at once. Every step is one audited unit of work; a refused
/// step says why and changes nothing. Voiding an owed invoice or crediting one in full above the
/// approval threshold is proposed instead, and carried out when a manager approves it.
/// </summary>
public sealed class InvoiceDesk(PayPortalDbContext db, DocumentNumbers numbers, ApprovalGate approvals, TimeProvider clock)
{
    private const string ChangedMeanwhile = "Someone changed this invoice at the same time; nothing was saved. Reload and try again.";

    public async Task<StepResult> CreateDraftAsync(long customerId, CancellationToken ct = default)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return StepResult.Fail("No such customer.");
        var invoice = new Invoice(customer, clock.Today());
        db.Invoices.Add(invoice);
        using (db.Audit.Begin("invoice.draft")) await db.SaveChangesAsync(ct);
        return new(true, $"Draft invoice for {customer.Name} created.", invoice.Id);
    }

    public Task<StepResult> SaveDraftAsync(long invoiceId, long version, DraftInput input, CancellationToken ct = default) =>
        OnInvoiceAsync(invoiceId, version, "invoice.draft.save", invoice =>
        {
            invoice.ReviseDraft(input.IssueDate, input.Terms, input.PoNumber, input.ProjectCode, input.AllowPartialPayment);
            invoice.ReplaceLines(input.Lines);
            return Task.FromResult($"Draft saved: {invoice.Lines.Count} line(s), total {invoice.Total}.");
        }, ct);

    public Task<StepResult> DiscardDraftAsync(long invoiceId, long version, CancellationToken ct = default) =>
        OnInvoiceAsync(invoiceId, version, "invoice.draft.discard", invoice =>
        {
            if (invoice.IsPosted) throw new DomainRefusal($"Invoice {invoice.Number} is posted; void it or issue a credit memo instead.");
            db.Invoices.Remove(invoice);
            return Task.FromResult("Draft discarded.");
        }, ct);

    public Task<StepResult> PostAsync(long invoiceId, long version, CancellationToken ct = default) =>
        OnInvoiceAsync(invoiceId, version, "invoice.post", async invoice =>
        {
            if (invoice.IsPosted) throw new DomainRefusal($"Invoice {invoice.Number} is already posted.");
            var number = await numbers.NextInvoiceNumberAsync(ct);
            db.Journals.Add(Postings.PostInvoice(invoice, number, clock.GetUtcNow().UtcDateTime));
            return $"Invoice {number} posted: {invoice.Total} due {invoice.DueDate:yyyy-MM-dd}.";
        }, ct);

    public Task<StepResult> VoidAsync(long invoiceId, long version, string reason, CancellationToken ct = default) =>
        OnInvoiceAsync(invoiceId, version, "invoice.void", async invoice =>
        {
            var owed = invoice.OpenMinor;
            var message = Void(invoice, reason);
            return approvals.Needed(owed) ? await approvals.ProposeInsteadAsync(MoneyApprovalKind.Void, invoice, null, owed, reason, ct) : message;
        }, ct);

    /// <summary>
    /// Credits the lines named (or, with none, everything not yet credited) and applies the credit to
    /// the invoice as far as it is open; what the invoice no longer owes stays as credit on the account.
    /// </summary>
    public Task<StepResult> CreditAsync(long invoiceId, long version, IReadOnlyList<LineCredit>? lines, string reason, CancellationToken ct = default) =>
        OnInvoiceAsync(invoiceId, version, "creditmemo.issue", async invoice =>
        {
            var left = invoice.TotalMinor - await db.CreditMemos.Where(m => m.InvoiceId == invoice.Id).SumAsync(m => m.AmountMinor, ct);
            var (memo, message) = await CreditAsync(invoice, lines, reason, ct);
            // Crediting every line to the end is a full credit whichever button did it.
            return memo.AmountMinor >= left && approvals.Needed(memo.AmountMinor)
                ? await approvals.ProposeInsteadAsync(MoneyApprovalKind.FullCredit, invoice, null, memo.AmountMinor, reason, ct)
                : message;
        }, ct);

    /// <summary>An approved void or full credit, carried out in the approver's unit of work (the caller saves).</summary>
    internal async Task<string> CarryOutAsync(MoneyApproval approval, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Customer).SingleAsync(i => i.Id == approval.InvoiceId, ct);
        if (approval.Kind == MoneyApprovalKind.Void)
        {
            var owed = invoice.OpenMinor;
            var voided = Void(invoice, approval.Reason ?? "");
            return owed == approval.AmountMinor ? voided : throw ApprovalGate.ChangedSince(approval, invoice.Number, owed);
        }
        var (memo, message) = await CreditAsync(invoice, null, approval.Reason ?? "", ct);
        return memo.AmountMinor == approval.AmountMinor ? message : throw ApprovalGate.ChangedSince(approval, invoice.Number, memo.AmountMinor);
    }

    private string Void(Invoice invoice, string reason)
    {
        db.Journals.Add(Postings.VoidInvoice(invoice, reason, clock.Today(), clock.GetUtcNow().UtcDateTime));
        return $"Invoice {invoice.Number} is void.";
    }

    private async Task<(CreditMemo Memo, string Message)> CreditAsync(Invoice invoice, IReadOnlyList<LineCredit>? lines, string reason, CancellationToken ct)
    {
        var (memo, apply) = await CreditMemos.CreditInvoiceAsync(db, numbers, invoice, lines, reason, clock.Today(), clock.GetUtcNow().UtcDateTime, ct);
        var left = memo.AmountMinor - apply;
        return (memo, $"Credit memo {memo.Number} for {memo.Amount} issued{(apply > 0 ? $"; {new Money(apply, invoice.Currency)} applied to invoice {invoice.Number}" : "")}"
            + (left > 0 ? $"; {new Money(left, invoice.Currency)} stays as credit on the account." : "."));
    }

    private async Task<StepResult> OnInvoiceAsync(long invoiceId, long version, string action, Func<Invoice, Task<string>> change, CancellationToken ct)
    {
        // Under the write lock from the first read: two posts at once then both succeed, each with the next number,
        // instead of the second colliding on the number sequence and asking the user to try again.
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Customer).SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return StepResult.Fail("No such invoice.");
        if (invoice.Version != version) return StepResult.Fail(ChangedMeanwhile);
        string message;
        try
        {
            message = await change(invoice);
        }
        catch (DomainRefusal refusal)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail(refusal.Message);
        }
        try
        {
            using (db.Audit.Begin(action)) await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail(ChangedMeanwhile);
        }
        catch (DbUpdateException)
        {
            // E.g. two first-ever posts creating the number sequence at once.
            db.ChangeTracker.Clear();
            return StepResult.Fail("Another change was saved at the same moment; nothing was saved. Please try again.");
        }
        return new(true, message, invoice.Id);
    }
}
