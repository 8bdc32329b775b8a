using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Invoicing;

/// <summary>
/// Takes the next invoice or credit memo number from its sequence, inside the caller's unit of work:
/// the number is used only if that save succeeds (the sequence's version guards two posts at once),
/// and numbers already taken by an import are skipped.
/// </summary>
public sealed class DocumentNumbers(PayPortalDbContext db, IOptions<InvoicingOptions> options)
{
    public Task<string> NextInvoiceNumberAsync(CancellationToken ct) =>
        NextAsync(NumberSequence.Invoices, options.Value.InvoicePrefix, n => db.Invoices.AnyAsync(i => i.Number == n, ct), ct);

    public Task<string> NextCreditMemoNumberAsync(CancellationToken ct) =>
        NextAsync(NumberSequence.CreditMemos, options.Value.CreditMemoPrefix, n => db.CreditMemos.AnyAsync(m => m.Number == n, ct), ct);

    private async Task<string> NextAsync(string name, string prefix, Func<string, Task<bool>> taken, CancellationToken ct)
    {
        var sequence = db.Set<NumberSequence>().Local.SingleOrDefault(s => s.Name == name)
            ?? await db.Set<NumberSequence>().SingleOrDefaultAsync(s => s.Name == name, ct);
        if (sequence is null)
        {
            sequence = new NumberSequence(name, options.Value.FirstNumber);
            db.Add(sequence);
        }
        while (true)
        {
            var number = sequence.Take(prefix, options.Value.NumberWidth);
            if (!await taken(number)) return number;
        }
    }
}
