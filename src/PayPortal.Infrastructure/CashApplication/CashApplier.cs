using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>A bank credit turned into a received payment and its applications, not yet saved.</summary>
internal sealed record AppliedCash(Payment Payment, IReadOnlyList<Journal> Journals, IReadOnlyList<Allocation> Allocations);

/// <summary>
/// Turns a bank credit into a received payment and puts it on invoices through the ledger's posting
/// rules: the whole amount is received, each allocation (with the early-payment discount it earns)
/// applied, and whatever is left stays unapplied on the customer's account. The caller saves.
/// </summary>
internal static class CashApplier
{
    /// <summary>Applies and adds the new records to the unit of work; the caller saves.</summary>
    public static Payment Apply(PayPortalDbContext db, BankStatementLine line, Customer customer, IReadOnlyDictionary<long, Invoice> invoices,
        IReadOnlyList<ProposedAllocation> allocations, string rule, double? confidence, ShortPayReason shortPay, bool automatic, string by, DateTime now)
    {
        var applied = Post(line, customer, invoices, allocations, rule, confidence, shortPay, automatic, by, now);
        db.Payments.Add(applied.Payment);
        db.Journals.AddRange(applied.Journals);
        db.Allocations.AddRange(applied.Allocations);
        return applied.Payment;
    }

    /// <summary>The postings for one line, in memory: the invoices given change, nothing is added to a unit of work.</summary>
    public static AppliedCash Post(BankStatementLine line, Customer customer, IReadOnlyDictionary<long, Invoice> invoices,
        IReadOnlyList<ProposedAllocation> allocations, string rule, double? confidence, ShortPayReason shortPay, bool automatic, string by, DateTime now)
    {
        if (line.CurrencyCode != customer.CurrencyCode)
            throw new DomainRefusal($"Bank line {line.BankReference} is in {line.CurrencyCode}; {customer.Name} is billed in {customer.CurrencyCode}.");
        var payment = new Payment(customer, line.Amount, MethodOf(line.BankTransactionCode), line.BookingDate, line.BankReference);
        var journals = new List<Journal> { Postings.ReceivePayment(payment, now) };
        var made = new List<Allocation>();
        foreach (var allocation in allocations)
        {
            var invoice = invoices[allocation.InvoiceId];
            if (invoice.CustomerId != customer.Id) throw new DomainRefusal($"Invoice {invoice.Number} is not {customer.Name}'s.");
            if (allocation.DiscountMinor > 0)
            {
                var (discount, discountJournal) = Postings.AllowDiscount(invoice, payment, new Money(allocation.DiscountMinor, invoice.Currency), now);
                made.Add(discount);
                journals.Add(discountJournal);
            }
            if (allocation.CashMinor <= 0) continue;
            var (cash, journal) = Postings.Allocate(payment, invoice, new Money(allocation.CashMinor, invoice.Currency), line.BookingDate, now, rule);
            made.Add(cash);
            journals.Add(journal);
        }
        line.MarkApplied(payment, rule, confidence, shortPay, automatic, by, now);
        return new(payment, journals, made);
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
