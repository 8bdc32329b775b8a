using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// Writes a chunk of automatic applications (made in memory by the posting rules) with prepared SQLite
/// commands in one transaction: payments, journals and entries, allocations, the invoices' new open
/// amounts (each guarded by its version: an invoice changed meanwhile refuses the whole chunk), the bank
/// lines' outcome (only lines still being matched), and one audit row per line naming what it paid. Tens of thousands of rows a second,
/// where change tracking manages a few thousand.
/// </summary>
internal static class BulkApplicationWriter
{
    public sealed class ChangedMeanwhileException() : Exception("An invoice or bank line changed while the statement was being applied.");

    public static async Task WriteAsync(PayPortalDbContext db, IReadOnlyList<(BankStatementLine Line, AppliedCash Applied)> applied,
        IReadOnlyList<BankStatementLine> others, IReadOnlyCollection<(Invoice Invoice, long Version)> touched, string actor, DateTime now, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // Room for the indexes the writes touch (a million invoices' worth), and WAL's own durability at commit.
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA synchronous=NORMAL;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            await using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            var (paymentId, journalId, entryId, allocationId) = (
                SqliteBulk.MaxId(connection, transaction, "Payments"), SqliteBulk.MaxId(connection, transaction, "Journals"),
                SqliteBulk.MaxId(connection, transaction, "LedgerEntries"), SqliteBulk.MaxId(connection, transaction, "Allocations"));
            using var payments = SqliteBulk.PrepareInsert(connection, transaction, "Payments",
                "Id", "CustomerId", "Method", "Reference", "ReceivedOn", "CurrencyCode", "AmountMinor", "UnappliedMinor", "RefundedMinor", "IsTest", "IsReceived", "Version");
            using var journals = SqliteBulk.PrepareInsert(connection, transaction, "Journals", "Id", "Kind", "CustomerId", "OccurredOn", "RecordedAt", "Description", "IsTest");
            using var entries = SqliteBulk.PrepareInsert(connection, transaction, "LedgerEntries",
                "Id", "JournalId", "CustomerId", "Account", "AmountMinor", "CurrencyCode", "OccurredOn", "InvoiceId", "PaymentId");
            using var allocations = SqliteBulk.PrepareInsert(connection, transaction, "Allocations",
                "Id", "Kind", "CustomerId", "InvoiceId", "PaymentId", "AmountMinor", "AppliedOn", "RecordedAt", "Rule");
            using var invoices = SqliteBulk.Prepare(connection, transaction,
                "UPDATE \"Invoices\" SET \"OpenMinor\" = $p0, \"DisputedMinor\" = $p1, \"Status\" = $p2, \"Version\" = \"Version\" + 1 WHERE \"Id\" = $p3 AND \"Version\" = $p4", 5);
            using var appliedLines = SqliteBulk.Prepare(connection, transaction,
                "UPDATE \"BankLines\" SET \"Status\" = $p0, \"PaymentId\" = $p1, \"CustomerId\" = $p2, \"Rule\" = $p3, \"Confidence\" = $p4, \"ShortPay\" = $p5, " +
                "\"ResolvedBy\" = $p6, \"ResolvedAt\" = $p7, \"Suggestions\" = NULL, \"Version\" = \"Version\" + 1 WHERE \"Id\" = $p8 AND \"Status\" = $p9", 10);
            using var otherLines = SqliteBulk.Prepare(connection, transaction,
                "UPDATE \"BankLines\" SET \"Status\" = $p0, \"Suggestions\" = $p1, \"Version\" = \"Version\" + 1 WHERE \"Id\" = $p2 AND \"Status\" = $p3", 4);
            using var audit = SqliteBulk.PrepareInsert(connection, transaction, "AuditEvents", "At", "Actor", "Action", "EntityType", "EntityId", "CustomerId", "Changes");

            foreach (var (invoice, version) in touched)
            {
                if (SqliteBulk.Run(invoices, invoice.OpenMinor, invoice.DisputedMinor, (int)invoice.Status, invoice.Id, version) != 1)
                    throw new ChangedMeanwhileException();
            }
            foreach (var (line, cash) in applied)
            {
                var payment = cash.Payment;
                var pid = ++paymentId;
                SqliteBulk.Run(payments, pid, payment.CustomerId, (int)payment.Method, payment.Reference, payment.ReceivedOn, payment.CurrencyCode,
                    payment.AmountMinor, payment.UnappliedMinor, payment.RefundedMinor, payment.IsTest, payment.IsReceived, 0L);
                foreach (var journal in cash.Journals)
                {
                    var jid = ++journalId;
                    SqliteBulk.Run(journals, jid, (int)journal.Kind, journal.CustomerId, journal.OccurredOn, journal.RecordedAt, journal.Description, journal.IsTest);
                    foreach (var entry in journal.Entries)
                        SqliteBulk.Run(entries, ++entryId, jid, entry.CustomerId, (int)entry.Account, entry.AmountMinor, entry.CurrencyCode, entry.OccurredOn,
                            entry.Invoice?.Id ?? entry.InvoiceId, ReferenceEquals(entry.Payment, payment) ? pid : entry.PaymentId);
                }
                foreach (var allocation in cash.Allocations)
                    SqliteBulk.Run(allocations, ++allocationId, (int)allocation.Kind, allocation.CustomerId, allocation.InvoiceId, pid, allocation.AmountMinor,
                        allocation.AppliedOn, allocation.RecordedAt, allocation.Rule);
                if (SqliteBulk.Run(appliedLines, (int)line.Status, pid, payment.CustomerId, line.Rule, line.Confidence, (int)line.ShortPay, line.ResolvedBy, line.ResolvedAt,
                        line.Id, (int)BankLineStatus.Matching) != 1)
                    throw new ChangedMeanwhileException();
                SqliteBulk.Run(audit, now, actor, "bank.auto-apply", nameof(BankStatementLine), line.Id.ToString(), payment.CustomerId,
                    JsonSerializer.Serialize(new
                    {
                        payment = pid, amount = payment.AmountMinor, rule = line.Rule, confidence = line.Confidence,
                        allocations = cash.Allocations.Select(a => new { invoice = a.InvoiceId, kind = a.Kind.ToString(), amount = a.AmountMinor }),
                    }));
            }
            foreach (var line in others) SqliteBulk.Run(otherLines, (int)line.Status, line.Suggestions, line.Id, (int)BankLineStatus.Matching);
            transaction.Commit();
        }
        finally
        {
            // The pooled connection goes back to full durability for whatever uses it next.
            await using (var pragma = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL;";
                await pragma.ExecuteNonQueryAsync(CancellationToken.None);
            }
            await db.Database.CloseConnectionAsync();
        }
    }
}
