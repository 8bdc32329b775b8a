using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Payments;

/// <summary>One invoice the customer chose to pay, and how much (in minor units).</summary>
public sealed record PaymentRequestLine(long InvoiceId, long AmountMinor);

/// <summary>An accepted line: the cash to take, and the early-payment discount it earns.</summary>
public sealed record PayableLine(Invoice Invoice, Money Amount, Money Discount);

/// <summary>
/// The rules for what a customer may pay online: only their own payable invoices, each at most once,
/// never more than is open, a part only where the invoice allows it, one currency. Paying the whole
/// open amount inside the discount window takes the early-payment discount off (recorded as a
/// discount, not a short payment). Every refusal says which invoice and why.
/// </summary>
public static class PaymentSelection
{
    public static IReadOnlyList<PayableLine> Validate(IReadOnlyList<PaymentRequestLine> requested, IReadOnlyDictionary<long, Invoice> customersInvoices, DateOnly today, out List<string> errors)
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
}
