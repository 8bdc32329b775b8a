using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Seeding;

/// <param name="AllOpen">Every invoice still owed (issued over the last four months, a fifth on 2/10 Net 30 terms): the cash-application benchmark's data.</param>
public sealed record BulkSeedOptions(int Customers, int Invoices, int Seed, bool AllOpen = false);

public sealed record BulkSeedResult(int Customers, int Invoices, int Payments, long Rows, TimeSpan Elapsed);

/// <summary>
/// Generates large, deterministic AR data sets for load and scale tests: customers, posted invoices
/// aged over the last year, and payments applied to most of the older ones, with exactly the journals
/// and ledger entries the domain's posting rules write (the ledger check proves it). Uses prepared
/// SQLite commands in one transaction, about ten times faster than change tracking.
/// </summary>
public sealed class BulkSeeder(PayPortalDbContext db, TimeProvider clock)
{
    public async Task<BulkSeedResult> SeedAsync(BulkSeedOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (options.Customers < 1) throw new DomainRefusal("--customers must be at least 1.");
        if (options.Invoices < 0) throw new DomainRefusal("--invoices cannot be negative.");
        if (!db.Database.IsSqlite()) throw new NotSupportedException("Bulk seeding writes SQLite directly.");

        var watch = Stopwatch.StartNew();
        var prefix = $"S{options.Seed}-";
        if (await db.Customers.AnyAsync(c => c.Number.StartsWith(prefix), ct))
            throw new DomainRefusal($"Bulk data with seed {options.Seed} is already in this database; choose another --seed.");

        var random = new Random(options.Seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var currency = Currency.USD.Code;

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
            // BEGIN IMMEDIATE: take the write lock before reading the next ids, so a portal writing to the
            // same database meanwhile waits instead of taking those ids.
            await using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            var ids = new NextIds(connection, transaction);

            using var customerInsert = SqliteBulk.PrepareInsert(connection, transaction, "Customers",
                "Id", "Number", "Name", "BillingEmails", "CurrencyCode", "TermsNetDays", "TermsDiscountPercent", "TermsDiscountDays", "CreditLimitMinor", "CreditHold", "DunningPaused", "CreatedAt", "Version");
            using var invoiceInsert = SqliteBulk.PrepareInsert(connection, transaction, "Invoices",
                "Id", "Number", "CustomerId", "CurrencyCode", "IssueDate", "DueDate", "PoNumber", "ProjectCode", "Status", "TotalMinor", "OpenMinor", "DisputedMinor", "DiscountPercent", "DiscountDeadline", "AllowPartialPayment", "PostedAt", "Version");
            using var lineInsert = SqliteBulk.PrepareInsert(connection, transaction, "InvoiceLines",
                "Id", "InvoiceId", "LineNo", "Description", "Quantity", "UnitPriceMinor", "DiscountPercent", "TaxRatePercent", "NetMinor", "TaxMinor");
            using var paymentInsert = SqliteBulk.PrepareInsert(connection, transaction, "Payments",
                "Id", "CustomerId", "Method", "Reference", "ReceivedOn", "CurrencyCode", "AmountMinor", "UnappliedMinor", "RefundedMinor", "IsTest", "IsReceived", "Version");
            using var allocationInsert = SqliteBulk.PrepareInsert(connection, transaction, "Allocations",
                "Id", "Kind", "CustomerId", "InvoiceId", "PaymentId", "AmountMinor", "AppliedOn", "RecordedAt", "Rule");
            using var journalInsert = SqliteBulk.PrepareInsert(connection, transaction, "Journals",
                "Id", "Kind", "CustomerId", "OccurredOn", "RecordedAt", "Description", "IsTest");
            using var entryInsert = SqliteBulk.PrepareInsert(connection, transaction, "LedgerEntries",
                "Id", "JournalId", "CustomerId", "Account", "AmountMinor", "CurrencyCode", "OccurredOn", "InvoiceId", "PaymentId");

            long rows = 0;
            var firstCustomer = ids.Customer + 1;
            for (var c = 0; c < options.Customers; c++)
            {
                SqliteBulk.Run(customerInsert, ++ids.Customer, $"{prefix}{c + 1:D6}", CompanyNames.Name(options.Seed, c), $"ap{c + 1}@bulk{options.Seed}.example", currency,
                    30, 0m, 0, random.Next(1, 50) * 10_000_00L, false, false, now, 0L);
                rows++;
            }

            var payments = 0;
            for (var n = 0; n < options.Invoices; n++)
            {
                var customerId = firstCustomer + random.Next(options.Customers);
                var issue = today.AddDays(-random.Next(0, options.AllOpen ? 120 : 365));
                var due = issue.AddDays(30);
                var discounted = options.AllOpen && random.Next(5) == 0;
                // Log-uniform totals from 50.00 to 25,000.00: many small invoices, a few large ones.
                var total = (long)Math.Round(Math.Exp(random.NextDouble() * Math.Log(500)) * 50_00);
                var invoiceId = ++ids.Invoice;
                var number = $"{prefix}{n + 1:D7}";
                var pastDue = today.DayNumber - due.DayNumber;
                var roll = random.NextDouble();
                var paid = options.AllOpen ? 0
                    : roll < (pastDue > 60 ? 0.85 : pastDue > 0 ? 0.45 : 0.1) ? total
                    : roll < (pastDue > 60 ? 0.92 : pastDue > 0 ? 0.6 : 0.18) ? total * random.Next(10, 90) / 100
                    : 0;
                var open = total - paid;
                var status = open == 0 ? InvoiceStatus.Paid : open < total ? InvoiceStatus.PartiallyPaid : InvoiceStatus.Open;

                SqliteBulk.Run(invoiceInsert, invoiceId, number, customerId, currency, issue, due, random.Next(3) == 0 ? null : $"PO-{random.Next(100000, 999999)}", null,
                    (int)status, total, open, 0L, discounted ? 2m : 0m, discounted ? issue.AddDays(10) : null, true, now, 0L);
                SqliteBulk.Run(lineInsert, ++ids.Line, invoiceId, 1, "Goods and services", 1m, total, 0m, 0m, total, 0L);
                var journal = ++ids.Journal;
                SqliteBulk.Run(journalInsert, journal, (int)JournalKind.InvoicePosted, customerId, issue, now, $"Invoice {number} posted", false);
                SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.Receivable, total, currency, issue, invoiceId, null);
                SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.Revenue, -total, currency, issue, invoiceId, null);
                rows += 5;

                if (paid > 0)
                {
                    var received = due.AddDays(random.Next(-20, 25));
                    if (received > today) received = today;
                    if (received < issue) received = issue;
                    var paymentId = ++ids.Payment;
                    var reference = $"ACH{paymentId:D9}";
                    SqliteBulk.Run(paymentInsert, paymentId, customerId, (int)PaymentMethod.Ach, reference, received, currency, paid, 0L, 0L, false, true, 0L);
                    journal = ++ids.Journal;
                    SqliteBulk.Run(journalInsert, journal, (int)JournalKind.PaymentReceived, customerId, received, now, $"Payment received ({reference})", false);
                    SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.Cash, paid, currency, received, null, paymentId);
                    SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.UnappliedCash, -paid, currency, received, null, paymentId);
                    SqliteBulk.Run(allocationInsert, ++ids.Allocation, (int)AllocationKind.Payment, customerId, invoiceId, paymentId, paid, received, now, "bulk");
                    journal = ++ids.Journal;
                    SqliteBulk.Run(journalInsert, journal, (int)JournalKind.PaymentAllocated, customerId, received, now, $"{new Money(paid, Currency.USD)} applied to invoice {number}", false);
                    SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.UnappliedCash, paid, currency, received, null, paymentId);
                    SqliteBulk.Run(entryInsert, ++ids.Entry, journal, customerId, (int)LedgerAccount.Receivable, -paid, currency, received, invoiceId, null);
                    rows += 8;
                    payments++;
                }
                if ((n + 1) % 100_000 == 0) progress?.Report(n + 1);
            }

            await Execute(connection, transaction, "INSERT INTO \"AuditEvents\" (\"At\",\"Actor\",\"Action\",\"EntityType\",\"Changes\") VALUES ($p0,$p1,$p2,$p3,$p4)",
                ct, now, db.ActorName, "seed.bulk", "Database", $"{{\"customers\":{options.Customers},\"invoices\":{options.Invoices},\"seed\":{options.Seed}}}");
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(ct);
            await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;", ct);
            return new BulkSeedResult(options.Customers, options.Invoices, payments, rows, watch.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class NextIds
    {
        public long Customer, Invoice, Line, Payment, Allocation, Journal, Entry;

        public NextIds(SqliteConnection connection, SqliteTransaction transaction)
        {
            Customer = Max(connection, transaction, "Customers");
            Invoice = Max(connection, transaction, "Invoices");
            Line = Max(connection, transaction, "InvoiceLines");
            Payment = Max(connection, transaction, "Payments");
            Allocation = Max(connection, transaction, "Allocations");
            Journal = Max(connection, transaction, "Journals");
            Entry = Max(connection, transaction, "LedgerEntries");
        }

        private static long Max(SqliteConnection connection, SqliteTransaction transaction, string table) => SqliteBulk.MaxId(connection, transaction, table);
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"$p{i}", values[i]);
        await command.ExecuteNonQueryAsync(ct);
    }
}
