using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Ledger;

public sealed record LedgerCheckResult(long Journals, long Entries, long Invoices, long Payments, long CreditMemos, long Customers, IReadOnlyList<string> Problems, int ProblemCount)
{
    public bool IsConsistent => ProblemCount == 0;
}

/// <summary>
/// Proves that every stored amount is what the append-only ledger says: journals balance, each
/// invoice's open amount equals its receivable entries (and its total less what was applied), each
/// payment's and credit memo's unapplied amount equals its entries, each customer's balance equals
/// the customer-side accounts, and statuses agree with the amounts. Runs as set-based SQL so it
/// checks a million invoices in seconds.
/// </summary>
public sealed class LedgerConsistencyCheck(PayPortalDbContext db)
{
    private const int MaxListed = 50;

    private static readonly (string What, string Sql)[] Checks =
    [
        ("journal does not balance", """
            SELECT 'journal ' || "JournalId" || ' sums to ' || SUM("AmountMinor")
            FROM "LedgerEntries" GROUP BY "JournalId" HAVING SUM("AmountMinor") <> 0
            """),
        ("journal entries name another customer", """
            SELECT 'journal ' || j."Id" || ' is for customer ' || j."CustomerId" || ' but has an entry for customer ' || e."CustomerId"
            FROM "Journals" j JOIN "LedgerEntries" e ON e."JournalId" = j."Id" WHERE e."CustomerId" <> j."CustomerId"
            """),
        ("invoice open amount differs from the ledger", $"""
            SELECT 'invoice ' || COALESCE(i."Number", i."Id") || ': stored open ' || i."OpenMinor" || ', ledger ' || COALESCE(l.s, 0)
            FROM "Invoices" i
            LEFT JOIN (SELECT "InvoiceId", SUM("AmountMinor") s FROM "LedgerEntries"
                       WHERE "InvoiceId" IS NOT NULL AND "Account" = {(int)LedgerAccount.Receivable} GROUP BY "InvoiceId") l ON l."InvoiceId" = i."Id"
            WHERE i."OpenMinor" <> COALESCE(l.s, 0)
            """),
        ("invoice open amount differs from its total less allocations and write-offs", $"""
            SELECT 'invoice ' || i."Number" || ': total ' || i."TotalMinor" || ' - applied ' || COALESCE(a.s, 0) || ' - written off ' || COALESCE(w.s, 0) || ' <> open ' || i."OpenMinor"
            FROM "Invoices" i
            LEFT JOIN (SELECT "InvoiceId", SUM("AmountMinor") s FROM "Allocations" WHERE "ReversedAt" IS NULL GROUP BY "InvoiceId") a ON a."InvoiceId" = i."Id"
            LEFT JOIN (SELECT "InvoiceId", SUM("AmountMinor" - "RecoveredMinor") s FROM "WriteOffs" GROUP BY "InvoiceId") w ON w."InvoiceId" = i."Id"
            WHERE i."Status" NOT IN ({(int)InvoiceStatus.Draft}, {(int)InvoiceStatus.Void})
              AND i."TotalMinor" - COALESCE(a.s, 0) - COALESCE(w.s, 0) <> i."OpenMinor"
            """),
        ("invoice status disagrees with its amounts", $"""
            SELECT 'invoice ' || COALESCE(i."Number", i."Id") || ': status ' || i."Status" || ' with open ' || i."OpenMinor" || ' of ' || i."TotalMinor"
            FROM "Invoices" i
            WHERE (i."Status" IN ({(int)InvoiceStatus.Paid}, {(int)InvoiceStatus.WrittenOff}, {(int)InvoiceStatus.Void}) AND i."OpenMinor" <> 0)
               OR (i."Status" = {(int)InvoiceStatus.Open} AND i."OpenMinor" <> i."TotalMinor")
               OR (i."Status" = {(int)InvoiceStatus.PartiallyPaid} AND (i."OpenMinor" <= 0 OR i."OpenMinor" >= i."TotalMinor"))
               OR (i."Status" = {(int)InvoiceStatus.Disputed} AND (i."OpenMinor" <= 0 OR i."DisputedMinor" <= 0))
               OR i."DisputedMinor" < 0 OR i."DisputedMinor" > i."OpenMinor"
            """),
        ("payment unapplied amount differs from the ledger", $"""
            SELECT 'payment ' || p."Id" || ': stored unapplied ' || p."UnappliedMinor" || ', ledger ' || COALESCE(-l.s, 0)
            FROM "Payments" p
            LEFT JOIN (SELECT "PaymentId", SUM("AmountMinor") s FROM "LedgerEntries"
                       WHERE "PaymentId" IS NOT NULL AND "Account" = {(int)LedgerAccount.UnappliedCash} GROUP BY "PaymentId") l ON l."PaymentId" = p."Id"
            WHERE p."UnappliedMinor" <> COALESCE(-l.s, 0)
            """),
        ("credit memo unapplied amount differs from the ledger", $"""
            SELECT 'credit memo ' || m."Number" || ': stored unapplied ' || m."UnappliedMinor" || ', ledger ' || COALESCE(-l.s, 0)
            FROM "CreditMemos" m
            LEFT JOIN (SELECT "CreditMemoId", SUM("AmountMinor") s FROM "LedgerEntries"
                       WHERE "CreditMemoId" IS NOT NULL AND "Account" = {(int)LedgerAccount.CustomerCredit} GROUP BY "CreditMemoId") l ON l."CreditMemoId" = m."Id"
            WHERE m."UnappliedMinor" <> COALESCE(-l.s, 0)
            """),
        ("customer balance differs from the ledger", $"""
            SELECT 'customer ' || c."Number" || ': stored balance ' || (COALESCE(i.s, 0) - COALESCE(p.s, 0) - COALESCE(m.s, 0)) || ', ledger ' || COALESCE(l.s, 0)
            FROM "Customers" c
            LEFT JOIN (SELECT "CustomerId", SUM("OpenMinor") s FROM "Invoices" GROUP BY "CustomerId") i ON i."CustomerId" = c."Id"
            LEFT JOIN (SELECT "CustomerId", SUM("UnappliedMinor") s FROM "Payments" GROUP BY "CustomerId") p ON p."CustomerId" = c."Id"
            LEFT JOIN (SELECT "CustomerId", SUM("UnappliedMinor") s FROM "CreditMemos" GROUP BY "CustomerId") m ON m."CustomerId" = c."Id"
            LEFT JOIN (SELECT "CustomerId", SUM("AmountMinor") s FROM "LedgerEntries"
                       WHERE "Account" IN ({(int)LedgerAccount.Receivable}, {(int)LedgerAccount.UnappliedCash}, {(int)LedgerAccount.CustomerCredit}) GROUP BY "CustomerId") l ON l."CustomerId" = c."Id"
            WHERE COALESCE(i.s, 0) - COALESCE(p.s, 0) - COALESCE(m.s, 0) <> COALESCE(l.s, 0)
            """),
    ];

    public async Task<LedgerCheckResult> RunAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // One read transaction: every query sees the same snapshot, even while the app keeps writing.
            await using var snapshot = await connection.BeginTransactionAsync(ct);
            var problems = new List<string>();
            var count = 0;
            foreach (var (what, sql) in Checks)
            {
                await using var command = Command(connection, snapshot, sql);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (count++ < MaxListed) problems.Add($"{what}: {reader.GetString(0)}");
                }
            }
            return new LedgerCheckResult(
                await CountAsync(connection, snapshot, "Journals", ct), await CountAsync(connection, snapshot, "LedgerEntries", ct),
                await CountAsync(connection, snapshot, "Invoices", ct), await CountAsync(connection, snapshot, "Payments", ct),
                await CountAsync(connection, snapshot, "CreditMemos", ct), await CountAsync(connection, snapshot, "Customers", ct),
                problems, count);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command;
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, $"SELECT COUNT(*) FROM \"{table}\"");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
