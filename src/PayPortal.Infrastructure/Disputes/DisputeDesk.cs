using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Approvals;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Disputes;

/// <summary>A file as uploaded: its name and bytes (the type is read from the bytes).</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>
/// Every step of a dispute, from the customer's portal and the specialist's back office. Each step is
/// one audited save; each step the customer should hear about emails them (and lands in their
/// communication log once sent); a refused step says why and changes nothing. Accepting or re-billing
/// above the approval threshold is proposed instead and carried out when a manager approves it.
/// </summary>
public sealed class DisputeDesk(PayPortalDbContext db, DeskStep steps, DocumentNumbers numbers, NoticeMail notices, IPortalUrls links, OutboxSignal outbox,
    ApprovalGate approvals, TimeProvider clock)
{
    private const string ChangedMeanwhile = "Someone changed this dispute at the same time; nothing was saved. Reload and try again.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<StepResult> OpenAsync(long customerId, string contactUserId, string authorName, long invoiceId, DisputeReason reason, long amountMinor,
        IReadOnlyList<int> lineNumbers, string message, IReadOnlyList<UploadedFile> files, CancellationToken ct = default)
    {
        if (reason == DisputeReason.Chargeback || !Enum.IsDefined(reason)) return StepResult.Fail("Choose a reason.");
        return await SaveAsync("dispute.open", async () =>
        {
            var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Customer)
                .SingleOrDefaultAsync(i => i.Id == invoiceId && i.CustomerId == customerId && i.Status != InvoiceStatus.Draft, ct)
                ?? throw new KeyNotFoundException();
            var dispute = Dispute.Open(invoice, reason, new Money(amountMinor, invoice.Currency), message, Now, contactUserId, authorName, lineNumbers, Attachments(files));
            db.Disputes.Add(dispute);
            await db.SaveChangesAsync(ct); // the id names the dispute in the email
            await notices.ToCustomerAsync(customerId, contactUserId, "dispute", $"We received your dispute on invoice {invoice.Number}",
                $"You disputed {dispute.Amount} of invoice {invoice.Number} ({Describe(reason)}). We will look into it and reply here; while it is open, the disputed amount is not chased.",
                links.Dispute(dispute.Id), "Follow your dispute", ct);
            return (dispute, $"Dispute on invoice {invoice.Number} for {dispute.Amount} sent. We will reply here.");
        }, ct);
    }

    public Task<StepResult> AddCustomerMessageAsync(long customerId, long disputeId, string authorName, string text, IReadOnlyList<UploadedFile> files, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, customerId, "dispute.message.customer", dispute =>
        {
            dispute.AddCustomerMessage(authorName, text, Now, Attachments(files));
            return Task.FromResult("Message sent.");
        }, ct);

    public Task<StepResult> WithdrawAsync(long customerId, long disputeId, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, customerId, "dispute.withdraw", async dispute =>
        {
            dispute.Withdraw(Now);
            await TellCustomerAsync(dispute, "withdrawn", $"You withdrew your dispute on invoice {dispute.Invoice!.Number}. The invoice is payable as usual.", ct);
            return "Dispute withdrawn.";
        }, ct);

    public Task<StepResult> AssignAsync(long disputeId, string? userId, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, "dispute.assign", async dispute =>
        {
            var name = userId is null ? null : await db.Users.Where(u => u.Id == userId && u.CustomerId == null).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
                ?? throw new DomainRefusal("Assign the dispute to a member of staff.");
            dispute.Assign(userId, name);
            return name is null ? "Dispute unassigned." : $"Dispute assigned to {name}.";
        }, ct);

    public Task<StepResult> AddNoteAsync(long disputeId, string author, string text, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, "dispute.note", dispute =>
        {
            dispute.AddInternalNote(author, text, Now);
            return Task.FromResult("Internal note added.");
        }, ct);

    public Task<StepResult> ReplyAsync(long disputeId, string author, string text, bool requestsInformation, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, requestsInformation ? "dispute.request-information" : "dispute.reply", async dispute =>
        {
            dispute.Reply(author, text, Now, requestsInformation);
            await TellCustomerAsync(dispute, requestsInformation ? "we need more information" : "a reply",
                $"{author} wrote about your dispute on invoice {dispute.Invoice!.Number}:\n\n{text.Trim()}"
                + (requestsInformation ? "\n\nPlease answer in the portal; the dispute waits for your reply." : ""), ct);
            return requestsInformation ? "Asked the customer for more information; the dispute now waits on them." : "Reply sent to the customer.";
        }, ct);

    /// <summary>
    /// Accepts in full (no amount) or in part: a credit memo for the amount is issued and applied to the
    /// invoice as far as it is still open; what it no longer owes stays as credit on the account.
    /// </summary>
    public Task<StepResult> AcceptAsync(long disputeId, string author, long? amountMinor, string? note, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, "dispute.accept", async dispute =>
        {
            var (credited, message) = await AcceptAsync(dispute, amountMinor, note, ct);
            return approvals.Needed(credited) ? await approvals.ProposeInsteadAsync(MoneyApprovalKind.DisputeAcceptance, dispute.Invoice!, dispute.Id, credited, note, ct) : message;
        }, ct);

    private async Task<(long Credited, string Message)> AcceptAsync(Dispute dispute, long? amountMinor, string? note, CancellationToken ct)
    {
        var invoice = dispute.Invoice!;
        var amount = new Money(amountMinor ?? dispute.AmountMinor, invoice.Currency);
        if (!amount.IsPositive) throw new DomainRefusal("The amount to credit must be above zero.");
        if (amount.Minor > dispute.AmountMinor) throw new DomainRefusal($"At most the disputed {dispute.Amount} can be credited.");
        // Never more credit than the invoice's total across all its memos: one credited in full meanwhile has nothing left to give.
        var left = invoice.TotalMinor - await db.CreditMemos.Where(m => m.InvoiceId == invoice.Id).SumAsync(m => m.AmountMinor, ct);
        if (left <= 0) throw new DomainRefusal($"Invoice {invoice.Number} is already credited in full; reject the dispute, saying so.");
        if (amount.Minor > left) throw new DomainRefusal($"Only {new Money(left, invoice.Currency)} of invoice {invoice.Number} is left to credit.");
        var memo = new CreditMemo(invoice.Customer!, await numbers.NextCreditMemoNumberAsync(ct), clock.Today(), amount,
            $"Dispute #{dispute.Id} on invoice {invoice.Number} accepted{(amount.Minor < dispute.AmountMinor ? " in part" : "")}", invoice);
        var applied = CreditMemos.IssueAndApply(db, memo, invoice, clock.Today(), Now);
        dispute.Accept(amount, memo, note, Now);
        var where = Where(applied, amount, invoice);
        await TellCustomerAsync(dispute, "accepted",
            $"We accepted your dispute on invoice {invoice.Number}{(amount.Minor < dispute.AmountMinor ? " in part" : "")}: credit memo {memo.Number} for {amount} {where}."
            + (string.IsNullOrWhiteSpace(note) ? "" : $"\n\n{note.Trim()}"), ct);
        return (amount.Minor, $"Dispute accepted: credit memo {memo.Number} for {amount} {where}.");
    }

    /// <summary>Where a credit went, in words: on the invoice, on the account, or split.</summary>
    private static string Where(long applied, Money amount, Invoice invoice) =>
        applied == amount.Minor ? $"applied to invoice {invoice.Number}"
        : applied == 0 ? "kept as credit on the account (the invoice owes nothing more)"
        : $"of which {new Money(applied, invoice.Currency)} applied to invoice {invoice.Number} and the rest kept as credit on the account";

    public Task<StepResult> RejectAsync(long disputeId, string author, string reason, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, "dispute.reject", async dispute =>
        {
            dispute.Reject(reason, Now);
            await TellCustomerAsync(dispute, "rejected",
                $"We looked into your dispute on invoice {dispute.Invoice!.Number} and cannot accept it:\n\n{reason.Trim()}\n\nThe invoice is payable as usual.", ct);
            return "Dispute rejected; the customer was told why.";
        }, ct);

    /// <summary>The invoice was wrong: whatever is not yet credited on it is credited and applied, and a corrected draft copy is made to edit and post.</summary>
    public Task<StepResult> RebillAsync(long disputeId, string author, string note, CancellationToken ct = default) =>
        OnDisputeAsync(disputeId, null, "dispute.rebill", async dispute =>
        {
            var (credited, message) = await RebillAsync(dispute, note, ct);
            return approvals.Needed(credited) ? await approvals.ProposeInsteadAsync(MoneyApprovalKind.DisputeRebill, dispute.Invoice!, dispute.Id, credited, note, ct) : message;
        }, ct);

    private async Task<(long Credited, string Message)> RebillAsync(Dispute dispute, string note, CancellationToken ct)
    {
        var invoice = dispute.Invoice!;
        var (memo, _) = await CreditMemos.CreditInvoiceAsync(db, numbers, invoice, null, $"Dispute #{dispute.Id}: invoice {invoice.Number} re-billed", clock.Today(), Now, ct);
        dispute.Rebill(memo, note, Now);
        var corrected = new Invoice(invoice.Customer!, clock.Today(), poNumber: invoice.PoNumber, projectCode: invoice.ProjectCode);
        corrected.ReplaceLines(invoice.Lines.OrderBy(l => l.LineNo).Select(l => new InvoiceLineDraft(l.Description, l.Quantity, l.UnitPriceMinor, l.DiscountPercent, l.TaxRatePercent)));
        db.Invoices.Add(corrected);
        await TellCustomerAsync(dispute, "re-billed",
            $"You were right about invoice {invoice.Number}: it was credited in full (credit memo {memo.Number}) and a corrected invoice will follow.\n\n{note.Trim()}", ct);
        return (memo.AmountMinor, $"Invoice {invoice.Number} credited in full ({memo.Number}); a corrected draft was made to edit and post.");
    }

    /// <summary>An approved acceptance or re-bill, carried out in the approver's unit of work (the caller saves); the customer hears of it then.</summary>
    internal async Task<string> CarryOutAsync(MoneyApproval approval, CancellationToken ct)
    {
        var dispute = await LoadAsync(approval.DisputeId ?? throw new KeyNotFoundException(), null, ct);
        var (credited, message) = approval.Kind == MoneyApprovalKind.DisputeAcceptance
            ? await AcceptAsync(dispute, approval.AmountMinor, approval.Reason, ct)
            : await RebillAsync(dispute, approval.Reason ?? "", ct);
        return credited == approval.AmountMinor ? message : throw ApprovalGate.ChangedSince(approval, dispute.Invoice!.Number, credited);
    }

    private Task TellCustomerAsync(Dispute dispute, string what, string body, CancellationToken ct) =>
        notices.ToCustomerAsync(dispute.CustomerId, dispute.RaisedByUserId, "dispute", $"Your dispute on invoice {dispute.Invoice!.Number}: {what}", body,
            links.Dispute(dispute.Id), "Open the dispute", ct);

    private static List<DisputeAttachment> Attachments(IReadOnlyList<UploadedFile> files)
    {
        if (files.Count > DisputeAttachment.MaxPerMessage) throw new DomainRefusal($"Attach at most {DisputeAttachment.MaxPerMessage} files to one message.");
        return files.Select(f => DisputeAttachment.Create(f.FileName, f.Content)).ToList();
    }

    public static string Describe(DisputeReason reason) => reason switch
    {
        DisputeReason.DamagedGoods => "damaged goods",
        DisputeReason.NotReceived => "not received",
        DisputeReason.DuplicateBilling => "duplicate billing",
        DisputeReason.Chargeback => "card chargeback",
        _ => reason.ToString().ToLowerInvariant(),
    };

    /// <summary>Loads the dispute (for a customer: only theirs; anything else is "not found"), runs one step and saves it with its audit and emails.</summary>
    private Task<StepResult> OnDisputeAsync(long disputeId, long? customerId, string action, Func<Dispute, Task<string>> step, CancellationToken ct) =>
        SaveAsync(action, async () =>
        {
            var dispute = await LoadAsync(disputeId, customerId, ct);
            return (dispute, await step(dispute));
        }, ct);

    private async Task<Dispute> LoadAsync(long disputeId, long? customerId, CancellationToken ct) =>
        await db.Disputes.Include(d => d.Invoice).ThenInclude(i => i!.Lines).Include(d => d.Invoice).ThenInclude(i => i!.Customer)
            .SingleOrDefaultAsync(d => d.Id == disputeId && (customerId == null || d.CustomerId == customerId), ct)
        ?? throw new KeyNotFoundException();

    private async Task<StepResult> SaveAsync(string action, Func<Task<(Dispute Dispute, string Message)>> step, CancellationToken ct) =>
        await steps.RunAsync(action, async () =>
        {
            var (dispute, message) = await step();
            return (dispute.Id, message);
        }, NotFound, ChangedMeanwhile, outbox, ct);

    public const string NotFound = "No such dispute.";
}
