using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Payments;

/// <summary>One invoice the customer chose to pay, and how much (in minor units).</summary>
public sealed record PaymentRequestLine(long InvoiceId, long AmountMinor);

/// <summary>An accepted line: the cash to take, the early-payment discount it earns, and the customer's credit put on it first.</summary>
public sealed record PayableLine(Invoice Invoice, Money Amount, Money Discount, long CreditMinor = 0)
{
    public Money Credit => new(CreditMinor, Amount.Currency);
    /// <summary>What the line takes off the invoice: cash, credit and discount.</summary>
    public Money Settles => Amount + Credit + Discount;
}

/// <summary>
/// The rules for what a customer may pay online: only their own payable invoices, each at most once,
/// never more than is open, a part only where the invoice allows it, one currency. Paying the whole
/// open amount inside the discount window takes the early-payment discount off (recorded as a
/// discount, not a short payment). An invoice a payment is still paying (a bank debit in progress) is
/// not paid again. Every refusal says which invoice and why.
/// </summary>
public static class PaymentSelection
{
    public static IReadOnlyList<PayableLine> Validate(IReadOnlyList<PaymentRequestLine> requested, IReadOnlyDictionary<long, Invoice> customersInvoices, DateOnly today, out List<string> errors,
        IReadOnlySet<long>? paymentInProgress = null)
    {
        errors = [];
        var lines = new List<PayableLine>();
        if (requested.Count == 0) errors.Add("Choose at least one invoice to pay.");
        foreach (var group in requested.GroupBy(r => r.InvoiceId).Where(g => g.Count() > 1))
            errors.Add("An invoice can be paid only once per payment.");
        foreach (var line in requested.DistinctBy(r => r.InvoiceId))
        {
            if (!customersInvoices.TryGetValue(line.InvoiceId, out var invoice))
            {
                errors.Add("One of the invoices is not yours to pay.");
                continue;
            }
            var open = invoice.Open;
            if (!invoice.CanReceiveMoney)
            {
                errors.Add($"Invoice {invoice.Number} is {(invoice.Status == InvoiceStatus.Void ? "void" : invoice.Status == InvoiceStatus.Paid ? "already paid" : "not payable")}.");
                continue;
            }
            if (paymentInProgress?.Contains(invoice.Id) == true)
            {
                errors.Add($"Invoice {invoice.Number} has a payment in progress; it can be paid again if that payment fails.");
                continue;
            }
            var discount = invoice.EarlyPaymentDiscountOn(today);
            var fullAmount = open - discount;
            if (line.AmountMinor <= 0) errors.Add($"Enter an amount above zero for invoice {invoice.Number}.");
            else if (line.AmountMinor > open.Minor) errors.Add($"Invoice {invoice.Number} has only {open} open; you cannot pay {new Money(line.AmountMinor, open.Currency)}.");
            else if (line.AmountMinor >= fullAmount.Minor) lines.Add(new PayableLine(invoice, fullAmount, discount)); // the whole balance: discount applies
            else if (!invoice.AllowPartialPayment) errors.Add($"Invoice {invoice.Number} must be paid in full ({fullAmount}).");
            else lines.Add(new PayableLine(invoice, new Money(line.AmountMinor, open.Currency), Money.Zero(open.Currency)));
        }
        if (lines.Select(l => l.Amount.Currency).Distinct().Count() > 1) errors.Add("Invoices in different currencies are paid separately.");
        return errors.Count == 0 ? lines : [];
    }

    /// <summary>
    /// Puts the customer's available credit on the chosen lines before any cash, oldest due date first:
    /// each line's cash shrinks by the credit it receives, and what it settles stays the same.
    /// </summary>
    public static IReadOnlyList<PayableLine> UseCredits(IReadOnlyList<PayableLine> lines, Money available)
    {
        if (available.IsNegative) throw new ArgumentOutOfRangeException(nameof(available), "Available credit cannot be negative.");
        var left = available.Minor;
        var credited = new Dictionary<PayableLine, PayableLine>();
        foreach (var line in lines.OrderBy(l => l.Invoice.DueDate).ThenBy(l => l.Invoice.Number, StringComparer.Ordinal))
        {
            if (line.Amount.Currency != available.Currency) throw new DomainRefusal("Credits are used only on invoices in their own currency.");
            var credit = Math.Min(left, line.Amount.Minor);
            left -= credit;
            credited[line] = line with { Amount = new Money(line.Amount.Minor - credit, line.Amount.Currency), CreditMinor = line.CreditMinor + credit };
        }
        return lines.Select(l => credited[l]).ToList();
    }
}
