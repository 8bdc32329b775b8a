using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Payments;

/// <summary>A payment's receipt: number, payer, method and where the money went, as the email and the portal show it.</summary>
public sealed class Receipts(PayPortalDbContext db, IOptions<CompanyOptions> company)
{
    public static string NumberOf(long paymentId) => $"R-{paymentId:D6}";

    public static string MethodName(PaymentMethod method) => method switch
    {
        PaymentMethod.UsBankAccount => "US bank account",
        PaymentMethod.Ach => "ACH transfer",
        PaymentMethod.Wire => "Wire transfer",
        _ => method.ToString(),
    };

    /// <summary>The receipt of a payment, or null when there is no such payment (for that customer, when one is named).</summary>
    public async Task<ReceiptPdfModel?> ForPaymentAsync(long paymentId, long? customerId = null, CancellationToken ct = default)
    {
        var payment = await db.Payments.Include(p => p.Customer).SingleOrDefaultAsync(p => p.Id == paymentId && (customerId == null || p.CustomerId == customerId), ct);
        if (payment is null) return null;
        var applied = await db.Allocations.Where(a => a.PaymentId == paymentId && a.ReversedAt == null)
            .Select(a => new { a.Invoice!.Number, a.Kind, a.AmountMinor }).ToListAsync(ct);
        var lines = applied.GroupBy(a => a.Number!).Select(g => new ReceiptLine(g.Key,
            g.Where(a => a.Kind == AllocationKind.Payment).Sum(a => a.AmountMinor), g.Where(a => a.Kind == AllocationKind.Discount).Sum(a => a.AmountMinor))).ToList();
        return new ReceiptPdfModel(company.Value, payment.Customer!.Name, payment.Customer.Number, NumberOf(payment.Id), payment.ReceivedOn,
            MethodName(payment.Method), payment.Reference, payment.Amount, lines, payment.Unapplied, payment.IsTest);
    }
}
