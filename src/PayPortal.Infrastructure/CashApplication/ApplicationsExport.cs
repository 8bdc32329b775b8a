using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// Every allocation made from a bank line, as CSV: bank_reference, invoice_number, applied_amount (the
/// cash from that line on that invoice, decimal text; a discount beside it is not included), rule and
/// confidence. Reversed applications are left out.
/// </summary>
public sealed class ApplicationsExport(PayPortalDbContext db)
{
    public const string Header = "bank_reference,invoice_number,applied_amount,rule,confidence";

    public async Task<int> WriteAsync(string path, CancellationToken ct = default)
    {
        var rows = db.BankLines.AsNoTracking().Where(l => l.PaymentId != null)
            .Join(db.Allocations.AsNoTracking().Where(a => a.Kind == AllocationKind.Payment && a.ReversedAt == null),
                l => l.PaymentId, a => a.PaymentId,
                (l, a) => new { l.Id, l.BankReference, Number = a.Invoice!.Number, a.AmountMinor, a.Invoice.CurrencyCode, l.Rule, l.Confidence, AllocationId = a.Id })
            .OrderBy(r => r.Id).ThenBy(r => r.AllocationId)
            .AsAsyncEnumerable();
        var count = 0;
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(Header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            var amount = new Money(row.AmountMinor, Currency.Parse(row.CurrencyCode)).ToDecimalString();
            await writer.WriteLineAsync(string.Join(",", CsvExport.Field(row.BankReference), CsvExport.Field(row.Number ?? ""), amount, CsvExport.Field(row.Rule ?? ""),
                row.Confidence?.ToString("0.00", CultureInfo.InvariantCulture) ?? ""));
            count++;
        }
        return count;
    }
}
