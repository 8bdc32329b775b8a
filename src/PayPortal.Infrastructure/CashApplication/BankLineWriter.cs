using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>Writes an imported file's lines with one prepared command, inside the caller's write transaction (a statement of 100,000 lines in about a second).</summary>
internal static class BankLineWriter
{
    /// <param name="alreadyImported">Keys (<see cref="Key"/>) of movements an earlier file brought: those lines are kept but never matched.</param>
    public static void Insert(PayPortalDbContext db, long statementId, IReadOnlyList<BankFileLine> lines, IReadOnlySet<string> alreadyImported)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        using var insert = SqliteBulk.PrepareInsert(connection, transaction, "BankLines",
            "BankStatementId", "LineNo", "BankReference", "BookingDate", "ValueDate", "AmountMinor", "CurrencyCode", "IsCredit", "PayerName", "PayerAccount",
            "RemittanceText", "References", "BankTransactionCode", "Status", "ShortPay", "Version");
        var lineNo = 0;
        foreach (var l in lines)
        {
            // The entity's own constructor decides the stored values (trimmed text, joined references, first status).
            var line = new BankStatementLine(++lineNo, l.BankReference, l.BookingDate, l.ValueDate, new Money(l.AmountMinor, Currency.Parse(l.CurrencyCode)), l.IsCredit,
                l.PayerName, l.PayerAccount, l.RemittanceText, l.References, l.BankTransactionCode);
            if (alreadyImported.Contains(Key(l.BankReference, l.BookingDate, l.AmountMinor, l.IsCredit))) line.MarkAlreadyImported();
            SqliteBulk.Run(insert, statementId, line.LineNo, line.BankReference, line.BookingDate, line.ValueDate, line.AmountMinor, line.CurrencyCode, line.IsCredit,
                line.PayerName, line.PayerAccount, line.RemittanceText, line.References, line.BankTransactionCode, (int)line.Status, (int)line.ShortPay, 0L);
        }
    }

    /// <summary>What makes two lines the same movement on one account.</summary>
    public static string Key(string reference, DateOnly booked, long amountMinor, bool credit) => $"{reference}|{booked:yyyy-MM-dd}|{amountMinor}|{(credit ? 'C' : 'D')}";
}
