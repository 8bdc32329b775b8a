using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.CashApplication;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Areas.BackOffice.Pages.Bank;

/// <summary>Bank credits waiting for a specialist, oldest first, each with the engine's best guess.</summary>
public class ExceptionsModel(PayPortalDbContext db) : PageModel
{
    public IReadOnlyList<Row> Lines { get; private set; } = [];
    public int Total { get; private set; }

    public sealed record Row(long Id, DateOnly Date, string Reference, string? Payer, string Text, long AmountMinor, string CurrencyCode, string? Suggestions);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var waiting = db.BankLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Exception);
        Total = await waiting.CountAsync(ct);
        Lines = await waiting.OrderBy(l => l.BookingDate).ThenBy(l => l.Id).Take(200)
            .Select(l => new Row(l.Id, l.BookingDate, l.BankReference, l.PayerName, l.RemittanceText, l.AmountMinor, l.CurrencyCode, l.Suggestions))
            .ToListAsync(ct);
    }

    public static string BestGuess(string? suggestions)
    {
        var proposals = ProposalJson.Read(suggestions);
        return proposals.Count == 0 ? "No suggestion" : $"{proposals[0].Rule} ({proposals[0].Confidence:0.00})";
    }
}
