using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;

namespace PayPortal.Domain.Ledger;

/// <summary>
/// The only way money moves in PayPortal: each rule checks the business preconditions, changes the
/// stored amounts and returns the balanced journal that records it. The caller saves both together,
/// so stored open amounts and the ledger can never drift apart.
/// </summary>
public static class Postings
{
    public static Journal PostInvoice(Invoice invoice, string number, DateTime at)
    {
        invoice.MarkPosted(number, at);
        return new Journal(JournalKind.InvoicePosted, invoice.IssueDate, at, $"Invoice {invoice.Number} posted",
        [
            new LedgerEntry(LedgerAccount.Receivable, invoice.TotalMinor, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(LedgerAccount.Revenue, -invoice.TotalMinor, invoice.CurrencyCode, invoice: invoice),
        ]);
    }

    /// <summary>Voids a posted invoice nothing has been applied to; the whole amount leaves receivables.</summary>
    public static Journal VoidInvoice(Invoice invoice, string reason, DateOnly on, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A void needs a reason.");
        if (!invoice.IsPosted || invoice.Status is InvoiceStatus.Void) throw new DomainRefusal($"Invoice {invoice.Number} is not open to void.");
        if (invoice.OpenMinor != invoice.TotalMinor) throw new DomainRefusal($"Invoice {invoice.Number} has payments or credits applied; reverse them or issue a credit memo instead.");
        if (invoice.DisputedMinor > 0) throw new DomainRefusal($"Invoice {invoice.Number} has an open dispute; resolve it before voiding the invoice.");
        var amount = invoice.OpenMinor;
        invoice.MarkVoid(reason.Trim(), at);
        return new Journal(JournalKind.InvoiceVoided, on, at, $"Invoice {invoice.Number} voided: {reason.Trim()}",
        [
            new LedgerEntry(LedgerAccount.Revenue, amount, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(LedgerAccount.Receivable, -amount, invoice.CurrencyCode, invoice: invoice),
        ]);
    }

    public static Journal ReceivePayment(Payment payment, DateTime at)
    {
        payment.MarkReceived();
        return new Journal(JournalKind.PaymentReceived, payment.ReceivedOn, at,
            $"Payment received{(payment.Reference is null ? "" : $" ({payment.Reference})")}",
        [
            new LedgerEntry(LedgerAccount.Cash, payment.AmountMinor, payment.CurrencyCode, payment: payment),
            new LedgerEntry(LedgerAccount.UnappliedCash, -payment.AmountMinor, payment.CurrencyCode, payment: payment),
        ], payment.IsTest);
    }

    /// <summary>Puts cash from a payment on an invoice of the same customer.</summary>
    public static (Allocation Allocation, Journal Journal) Allocate(Payment payment, Invoice invoice, Money amount, DateOnly on, DateTime at, string? rule = null)
    {
        RequireReceivable(invoice, amount);
        RequireSameAccount(payment, invoice);
        if (amount.Minor > payment.UnappliedMinor) throw new DomainRefusal($"Only {payment.Unapplied} of the payment is unapplied.");
        payment.ChangeUnapplied(-amount.Minor);
        invoice.ChangeOpen(-amount.Minor);
        var allocation = new Allocation(AllocationKind.Payment, invoice, payment, null, amount.Minor, on, at, rule);
        var journal = new Journal(JournalKind.PaymentAllocated, on, at, $"{amount} applied to invoice {invoice.Number}",
        [
            new LedgerEntry(LedgerAccount.UnappliedCash, amount.Minor, invoice.CurrencyCode, payment: payment),
            new LedgerEntry(LedgerAccount.Receivable, -amount.Minor, invoice.CurrencyCode, invoice: invoice),
        ], payment.IsTest);
        return (allocation, journal);
    }

    /// <summary>
    /// Records the early-payment discount earned by <paramref name="payment"/> (a discount allocation,
    /// not a short payment), posted on the day the payment was received. Whether it was earned is judged
    /// on <paramref name="earnedOn"/> when given: the day the customer committed to pay (a bank debit
    /// started in time earns it though its money arrives days later); else on the day it was received.
    /// </summary>
    public static (Allocation Allocation, Journal Journal) AllowDiscount(Invoice invoice, Payment payment, Money amount, DateTime at, DateOnly? earnedOn = null)
    {
        RequireSameAccount(payment, invoice);
        if (earnedOn > payment.ReceivedOn) throw new DomainRefusal("A discount cannot be earned after the payment arrived.");
        return Discount(invoice, payment, amount, earnedOn ?? payment.ReceivedOn, payment.ReceivedOn, at);
    }

    /// <summary>
    /// The early-payment discount on an invoice the customer settles on <paramref name="on"/> with their
    /// credit memos alone: settling in time earns it as paying in time does.
    /// </summary>
    public static (Allocation Allocation, Journal Journal) AllowDiscountSettledByCredit(Invoice invoice, Money amount, DateOnly on, DateTime at) =>
        Discount(invoice, null, amount, on, on, at);

    private static (Allocation Allocation, Journal Journal) Discount(Invoice invoice, Payment? payment, Money amount, DateOnly earnedOn, DateOnly on, DateTime at)
    {
        RequireReceivable(invoice, amount);
        var available = invoice.EarlyPaymentDiscountOn(earnedOn);
        if (amount > available)
            throw new DomainRefusal(available.IsZero
                ? $"No early-payment discount is available on invoice {invoice.Number} for a payment made {earnedOn:yyyy-MM-dd}."
                : $"The early-payment discount on invoice {invoice.Number} is at most {available}.");
        invoice.ChangeOpen(-amount.Minor);
        var allocation = new Allocation(AllocationKind.Discount, invoice, payment, null, amount.Minor, on, at, "early-payment discount");
        var journal = new Journal(JournalKind.DiscountAllowed, on, at, $"Early-payment discount {amount} on invoice {invoice.Number}",
        [
            new LedgerEntry(LedgerAccount.DiscountsAllowed, amount.Minor, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(LedgerAccount.Receivable, -amount.Minor, invoice.CurrencyCode, invoice: invoice),
        ], payment?.IsTest ?? false);
        return (allocation, journal);
    }

    public static Journal IssueCreditMemo(CreditMemo memo, DateTime at)
    {
        memo.MarkIssued();
        return new Journal(JournalKind.CreditMemoIssued, memo.IssueDate, at, $"Credit memo {memo.Number}: {memo.Reason}",
        [
            new LedgerEntry(LedgerAccount.Revenue, memo.AmountMinor, memo.CurrencyCode, creditMemo: memo),
            new LedgerEntry(LedgerAccount.CustomerCredit, -memo.AmountMinor, memo.CurrencyCode, creditMemo: memo),
        ]);
    }

    public static (Allocation Allocation, Journal Journal) ApplyCredit(CreditMemo memo, Invoice invoice, Money amount, DateOnly on, DateTime at)
    {
        RequireReceivable(invoice, amount);
        if (!SameCustomer(memo.CustomerId, memo.Customer, invoice.CustomerId, invoice.Customer) || memo.CurrencyCode != invoice.CurrencyCode)
            throw new DomainRefusal("A credit memo can only be applied to invoices of the same customer and currency.");
        if (amount.Minor > memo.UnappliedMinor) throw new DomainRefusal($"Credit memo {memo.Number} has only {memo.Unapplied} left.");
        memo.ChangeUnapplied(-amount.Minor);
        invoice.ChangeOpen(-amount.Minor);
        var allocation = new Allocation(AllocationKind.Credit, invoice, null, memo, amount.Minor, on, at, null);
        var journal = new Journal(JournalKind.CreditApplied, on, at, $"Credit memo {memo.Number} applied to invoice {invoice.Number}",
        [
            new LedgerEntry(LedgerAccount.CustomerCredit, amount.Minor, invoice.CurrencyCode, creditMemo: memo),
            new LedgerEntry(LedgerAccount.Receivable, -amount.Minor, invoice.CurrencyCode, invoice: invoice),
        ]);
        return (allocation, journal);
    }

    public static (WriteOff WriteOff, Journal Journal) WriteOff(Invoice invoice, Money amount, string reason, DateOnly on, DateTime at)
    {
        RequireReceivable(invoice, amount);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A write-off needs a reason.");
        invoice.ChangeOpen(-amount.Minor);
        invoice.MarkWrittenOff();
        var writeOff = new WriteOff(invoice, amount.Minor, on, reason.Trim());
        var journal = new Journal(JournalKind.WrittenOff, on, at, $"{amount} of invoice {invoice.Number} written off: {reason.Trim()}",
        [
            new LedgerEntry(LedgerAccount.BadDebt, amount.Minor, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(LedgerAccount.Receivable, -amount.Minor, invoice.CurrencyCode, invoice: invoice),
        ]);
        return (writeOff, journal);
    }

    /// <summary>
    /// A payment that comes in for money already written off: the amount is reinstated on the invoice (out of bad
    /// debt) and the payment applied to it. An invoice whose write-off is not all recovered stays written off once settled.
    /// </summary>
    /// <summary>The rule of an allocation made by <see cref="RecoverWriteOff"/>: such an allocation is not reversed on its own.</summary>
    public const string WriteOffRecoveryRule = "write-off recovery";

    public static (Allocation Allocation, Journal Reinstated, Journal Applied) RecoverWriteOff(WriteOff writeOff, Payment payment, Money amount, DateOnly on, DateTime at)
    {
        var invoice = writeOff.Invoice ?? throw new InvalidOperationException("Load the write-off's invoice.");
        RequireSameAccount(payment, invoice);
        if (!amount.IsPositive) throw new DomainRefusal("The amount must be positive.");
        if (amount.Minor > writeOff.RecoverableMinor) throw new DomainRefusal($"Only {new Money(writeOff.RecoverableMinor, invoice.Currency)} of this write-off is left to recover.");
        if (amount.Minor > payment.UnappliedMinor) throw new DomainRefusal($"Only {payment.Unapplied} of the payment is unapplied.");
        writeOff.Recover(amount.Minor);
        invoice.Reinstate(amount.Minor);
        var reinstated = new Journal(JournalKind.WriteOffRecovered, on, at, $"{amount} written off on invoice {invoice.Number} recovered",
        [
            new LedgerEntry(LedgerAccount.Receivable, amount.Minor, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(LedgerAccount.BadDebt, -amount.Minor, invoice.CurrencyCode, invoice: invoice),
        ], payment.IsTest);
        var (allocation, applied) = Allocate(payment, invoice, amount, on, at, WriteOffRecoveryRule);
        if (invoice.OpenMinor == 0 && writeOff.RecoverableMinor > 0) invoice.MarkWrittenOff();
        return (allocation, reinstated, applied);
    }

    /// <summary>Pays unapplied cash back to the customer. Applied cash must be reversed off its invoices first.</summary>
    /// <param name="disputeId">Set when a card dispute took the money rather than a refund.</param>
    public static (Refund Refund, Journal Journal) Refund(Payment payment, Money amount, string reason, DateOnly on, DateTime at, string? externalReference = null, string? disputeId = null)
    {
        if (!amount.IsPositive) throw new DomainRefusal("A refund must be positive.");
        if (amount.Currency.Code != payment.CurrencyCode) throw new DomainRefusal("A refund is in the payment's currency.");
        if (amount.Minor > payment.UnappliedMinor) throw new DomainRefusal($"Only {payment.Unapplied} of the payment is unapplied and can be refunded.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A refund needs a reason.");
        payment.ChangeUnapplied(-amount.Minor);
        payment.AddRefunded(amount.Minor);
        var refund = new Refund(payment, amount.Minor, on, reason.Trim(), externalReference, disputeId);
        var journal = new Journal(JournalKind.Refunded, on, at, $"Refund {amount}: {reason.Trim()}",
        [
            new LedgerEntry(LedgerAccount.UnappliedCash, amount.Minor, payment.CurrencyCode, payment: payment),
            new LedgerEntry(LedgerAccount.Cash, -amount.Minor, payment.CurrencyCode, payment: payment),
        ], payment.IsTest);
        return (refund, journal);
    }

    /// <summary>
    /// A refund the processor could not pay out (failed or canceled): the money stayed with us, so it is
    /// unapplied cash on its payment again, to be applied as any other.
    /// </summary>
    public static Journal RefundFailed(Refund refund, DateOnly on, DateTime at)
    {
        var payment = refund.Payment ?? throw new InvalidOperationException("Load the refund's payment.");
        refund.MarkFailed(at);
        payment.AddRefunded(-refund.AmountMinor);
        payment.ChangeUnapplied(refund.AmountMinor);
        return new Journal(JournalKind.RefundFailed, on, at, $"Refund {new Money(refund.AmountMinor, payment.Currency)} failed: the money stayed with us",
        [
            new LedgerEntry(LedgerAccount.Cash, refund.AmountMinor, payment.CurrencyCode, payment: payment),
            new LedgerEntry(LedgerAccount.UnappliedCash, -refund.AmountMinor, payment.CurrencyCode, payment: payment),
        ], payment.IsTest);
    }

    /// <summary>Takes an allocation back off its invoice: the invoice owes it again, the money is unapplied again.</summary>
    public static Journal ReverseAllocation(Allocation allocation, string reason, DateOnly on, DateTime at)
    {
        var invoice = allocation.Invoice ?? throw new InvalidOperationException("Load the allocation's invoice.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A reversal needs a reason.");
        // Reversing it alone would leave written-off money owed again on the invoice instead of back in bad debt.
        if (allocation.Rule == WriteOffRecoveryRule) throw new DomainRefusal("A write-off recovery is not reversed on its own: the money would be owed again instead of written off.");
        allocation.MarkReversed(at);
        invoice.ChangeOpen(allocation.AmountMinor);
        var (account, payment, memo) = allocation.Kind switch
        {
            AllocationKind.Payment => (LedgerAccount.UnappliedCash, allocation.Payment ?? throw new InvalidOperationException("Load the allocation's payment."), (CreditMemo?)null),
            AllocationKind.Credit => (LedgerAccount.CustomerCredit, null, allocation.CreditMemo ?? throw new InvalidOperationException("Load the allocation's credit memo.")),
            _ => (LedgerAccount.DiscountsAllowed, null, null),
        };
        payment?.ChangeUnapplied(allocation.AmountMinor);
        memo?.ChangeUnapplied(allocation.AmountMinor);
        return new Journal(JournalKind.AllocationReversed, on, at,
            $"Reversed {new Money(allocation.AmountMinor, invoice.Currency)} on invoice {invoice.Number}: {reason.Trim()}",
        [
            new LedgerEntry(LedgerAccount.Receivable, allocation.AmountMinor, invoice.CurrencyCode, invoice: invoice),
            new LedgerEntry(account, -allocation.AmountMinor, invoice.CurrencyCode,
                invoice: account == LedgerAccount.DiscountsAllowed ? invoice : null, payment: payment, creditMemo: memo),
        ], allocation.Payment?.IsTest ?? false);
    }

    private static void RequireSameAccount(Payment payment, Invoice invoice)
    {
        if (!SameCustomer(payment.CustomerId, payment.Customer, invoice.CustomerId, invoice.Customer) || payment.CurrencyCode != invoice.CurrencyCode)
            throw new DomainRefusal("A payment can only be applied to invoices of the same customer and currency.");
        if (!payment.IsReceived) throw new DomainRefusal("The payment has not been received.");
    }

    // Saved records compare by id; records made in this unit of work (id 0 until saved) by reference.
    private static bool SameCustomer(long idA, Customers.Customer? a, long idB, Customers.Customer? b) =>
        idA != 0 || idB != 0 ? idA == idB : ReferenceEquals(a, b) && a is not null;

    private static void RequireReceivable(Invoice invoice, Money amount)
    {
        if (!amount.IsPositive) throw new DomainRefusal("The amount must be positive.");
        if (amount.Currency.Code != invoice.CurrencyCode) throw new DomainRefusal($"Invoice {invoice.Number} is in {invoice.CurrencyCode}, not {amount.Currency}.");
        if (!invoice.CanReceiveMoney)
            throw new DomainRefusal(invoice.Status switch
            {
                InvoiceStatus.Draft => "The invoice is a draft; post it first.",
                InvoiceStatus.Void => $"Invoice {invoice.Number} is void.",
                InvoiceStatus.WrittenOff => $"Invoice {invoice.Number} is written off.",
                _ => $"Invoice {invoice.Number} is already paid.",
            });
        if (amount.Minor > invoice.OpenMinor) throw new DomainRefusal($"{amount} is more than the {invoice.Open} still open on invoice {invoice.Number}.");
    }
}
