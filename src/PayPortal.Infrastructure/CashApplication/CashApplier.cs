using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// Turns a bank credit into a received payment and puts it on invoices through the ledger's posting
/// rules: the whole amount is received, each allocation (with the early-payment discount it earns)
/// applied, and whatever is left stays unapplied on the customer's account. The caller saves.
/// </summary>
internal static class CashApplier
{
    public static Payment Apply(PayPortalDbContext db, BankStatementLine line, Customer customer, IReadOnlyDictionary<long, Invoice> invoices,
        IReadOnlyList<ProposedAllocation> allocations, string rule, double? confidence, ShortPayReason shortPay, bool automatic, string by, DateTime now)
    {
        if (line.CurrencyCode != customer.CurrencyCode)
            throw new InvalidOperationException($"Bank line {line.BankReference} is in {line.CurrencyCode}; {customer.Name} is billed in {customer.CurrencyCode}.");
        var payment = new Payment(customer, line.Amount, MethodOf(line.BankTransactionCode), line.BookingDate, line.BankReference);
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, now));
        foreach (var allocation in allocations)
        {
            var invoice = invoices[allocation.InvoiceId];
            if (invoice.CustomerId != customer.Id) throw new InvalidOperationException($"Invoice {invoice.Number} is not {customer.Name}'s.");
            if (allocation.DiscountMinor > 0)
            {
                var (discount, discountJournal) = Postings.AllowDiscount(invoice, payment, new Money(allocation.DiscountMinor, invoice.Currency), now);
                db.Allocations.Add(discount);
                db.Journals.Add(discountJournal);
            }
            if (allocation.CashMinor <= 0) continue;
            var (cash, journal) = Postings.Allocate(payment, invoice, new Money(allocation.CashMinor, invoice.Currency), line.BookingDate, now, rule);
            db.Allocations.Add(cash);
            db.Journals.Add(journal);
        }
        line.MarkApplied(payment, rule, confidence, shortPay, automatic, by, now);
        return payment;
    }

    /// <summary>How the money came, from the bank's transaction code where it says (BAI2 type codes, camt families).</summary>
    public static PaymentMethod MethodOf(string? code) => code switch
    {
        null => PaymentMethod.Wire,
        "142" or "165" or "166" or "169" => PaymentMethod.Ach,
        "115" or "301" => PaymentMethod.Check,
        _ when code.Contains("CHK", StringComparison.OrdinalIgnoreCase) => PaymentMethod.Check,
        _ when code.Contains("DMCT", StringComparison.OrdinalIgnoreCase) || code.Contains("ACH", StringComparison.OrdinalIgnoreCase) => PaymentMethod.Ach,
        _ => PaymentMethod.Wire,
    };
}
