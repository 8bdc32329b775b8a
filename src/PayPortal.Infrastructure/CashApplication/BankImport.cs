using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

public sealed record BankImportResult(bool Duplicate, int Lines, int Credits, int AutoApplied, int Exceptions, long UnappliedMinor, long? StatementId, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a bank file (camt.053/054/052, BAI2 or CSV) all-or-nothing: a file that does not parse
/// changes nothing and names every problem; the same file twice is recognised and changes nothing.
/// Credits are matched by the engine; with auto-apply, those it is sure enough of are applied (payment,
/// allocations and ledger entries, "applied by rule X"), and the rest wait in the exceptions queue
/// with the engine's ranked suggestions. Debits are kept, not matched.
/// </summary>
public sealed class BankImport(PayPortalDbContext db, MatchingData matching, PayoutSettlement payouts, IOptions<BankingOptions> options, IActor actor, TimeProvider clock)
{
    private const int ChunkSize = 10_000;

    public async Task<BankImportResult> ImportAsync(Stream file, string fileName, bool autoApply, CancellationToken ct = default)
    {
        // The file is read from its stream twice (hash, then parse), never copied into memory.
        var max = options.Value.MaxFileBytes;
        await using var source = await SeekableFile.OpenAsync(file, max, ct);
        if (source is null) return Refused($"the file is larger than {Size(max)}");
        var stream = source.Stream;
        var start = stream.Position;
        if (stream.Length == start) return Refused("the file is empty");
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        stream.Position = start;

        BankFile parsed;
        try
        {
            parsed = BankFileReader.Parse(stream, options.Value.CsvMappings);
        }
        catch (BankFileException ex)
        {
            return new(false, 0, 0, 0, 0, 0, null, ex.Problems);
        }
        var statementKey = parsed.StatementId.Length > 200 ? parsed.StatementId[..200] : parsed.StatementId;
        var existing = await db.BankStatements.AsNoTracking()
            .Where(s => s.FileSha256 == sha || (parsed.Format != "CSV" && s.Format == parsed.Format && s.AccountId == parsed.AccountId && s.StatementId == statementKey))
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (existing is { } existingId)
        {
            // Imported before; if matching was cut short (a crash, a timeout), it carries on now.
            if (await db.BankLines.AnyAsync(l => l.BankStatementId == existingId && l.Status == BankLineStatus.Matching, ct))
            {
                var (resumedApplied, resumedExceptions, _) = await MatchAsync(existingId, autoApply, ct);
                await payouts.SettleAsync(existingId, ct);
                return new(false, parsed.Lines.Count, parsed.Lines.Count(l => l.IsCredit), resumedApplied, resumedExceptions, 0, existingId, []);
            }
            return new(true, parsed.Lines.Count, parsed.Lines.Count(l => l.IsCredit), 0, 0, 0, existingId, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var statement = new BankStatement(parsed.Format, parsed.StatementId, parsed.AccountId, Path.GetFileName(fileName), sha, now, actor.Name);
        db.BankStatements.Add(statement);
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            // Movements an earlier file of this account already brought (an intraday camt.054, an overlapping export).
            var earlier = new HashSet<string>();
            foreach (var references in parsed.Lines.Select(l => l.BankReference).Distinct().Chunk(5_000)) // SQLite takes at most 32,766 parameters
            {
                var found = await db.BankLines.AsNoTracking().Where(l => l.Statement!.AccountId == parsed.AccountId && references.Contains(l.BankReference))
                    .Select(l => new { l.BankReference, l.BookingDate, l.AmountMinor, l.IsCredit }).ToListAsync(ct);
                earlier.UnionWith(found.Select(l => BankLineWriter.Key(l.BankReference, l.BookingDate, l.AmountMinor, l.IsCredit)));
            }
            using (db.Audit.Begin("bank.import")) await db.SaveChangesAsync(ct);
            BankLineWriter.Insert(db, statement.Id, parsed.Lines, earlier);
            await transaction.CommitAsync(ct);
        }
        var statementId = statement.Id;
        db.ChangeTracker.Clear();

        var (applied, exceptions, appliedCash) = await MatchAsync(statementId, autoApply, ct);
        await payouts.SettleAsync(statementId, ct);
        var credits = parsed.Lines.Where(l => l.IsCredit).ToList();
        return new(false, parsed.Lines.Count, credits.Count, applied, exceptions, credits.Sum(l => l.AmountMinor) - appliedCash, statementId, []);
    }

    /// <summary>
    /// Matches the statement's credits a chunk at a time; applies those the engine is sure of when asked to
    /// (posted in memory by the ledger's rules, written in bulk), and queues the rest with their suggestions.
    /// </summary>
    private async Task<(int Applied, int Exceptions, long AppliedCash)> MatchAsync(long statementId, bool autoApply, CancellationToken ct)
    {
        var credits = await db.BankLines.AsNoTracking().Where(l => l.BankStatementId == statementId && l.Status == BankLineStatus.Matching)
            .OrderBy(l => l.LineNo).Select(l => l.Id).ToListAsync(ct);
        if (credits.Count == 0) return (0, 0, 0);
        var threshold = options.Value.AutoApplyConfidence;
        var engine = await matching.EngineAsync(new MatchOptions(AutoApplyConfidence: threshold), ct);
        var (applied, exceptions, appliedCash) = (0, 0, 0L);

        foreach (var chunk in credits.Chunk(ChunkSize))
        {
            var lines = await db.BankLines.AsNoTracking().Where(l => chunk.Contains(l.Id)).OrderBy(l => l.LineNo).ToListAsync(ct);
            // Matched once up front to know which invoices and customers the chunk needs; a line whose invoices an
            // earlier line of the chunk has taken meanwhile is matched again, so no two lines count on the same money.
            // Matching only reads the engine, so the first look runs on every core.
            var firstLook = lines.AsParallel().Select(l => (l.Id, Result: engine.Match(l.AsCredit()))).ToDictionary(x => x.Id, x => x.Result);
            var sureFirst = firstLook.Values.Select(r => r.Best).Where(b => autoApply && b is { CustomerId: not null } && b.Confidence >= threshold).ToList();
            var invoiceIds = sureFirst.SelectMany(b => b!.Allocations.Select(a => a.InvoiceId)).Distinct().ToList();
            var customerIds = sureFirst.Select(b => b!.CustomerId!.Value).Distinct().ToList();
            var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            var versions = invoices.Values.ToDictionary(i => i.Id, i => i.Version);
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var now = clock.GetUtcNow().UtcDateTime;

            var posted = new List<(BankStatementLine, AppliedCash)>();
            var others = new List<BankStatementLine>();
            var results = new List<(BankStatementLine Line, MatchResult Result)>();
            foreach (var line in lines)
            {
                var result = firstLook[line.Id];
                if (result.Best is { } first && first.Allocations.Any(a => engine.OpenOf(a.InvoiceId) < a.CashMinor + a.DiscountMinor))
                    result = engine.Match(line.AsCredit());
                results.Add((line, result));
                if (result.Kind == LineKind.StripePayout)
                {
                    line.MarkStripePayout();
                    others.Add(line);
                    continue;
                }
                var best = result.Best;
                if (autoApply && best is { CustomerId: { } customerId } && best.Confidence >= threshold && customers.ContainsKey(customerId) && AllStillOpen(best, invoices, line.BookingDate))
                {
                    posted.Add((line, CashApplier.Post(line, customers[customerId], invoices, best.Allocations, best.Rule, best.Confidence, best.ShortPay, automatic: true, "matching", now)));
                    foreach (var a in best.Allocations) engine.Consume(a.InvoiceId, a.CashMinor + a.DiscountMinor);
                    continue;
                }
                line.WaitForSpecialist(ProposalJson.Write(result.Proposals));
                others.Add(line);
            }
            var touched = posted.SelectMany(p => p.Item2.Allocations.Select(a => a.InvoiceId)).Distinct().Select(id => (invoices[id], versions[id])).ToList();
            try
            {
                await BulkApplicationWriter.WriteAsync(db, posted, others, touched, actor.Name, now, ct);
                applied += posted.Count;
                appliedCash += posted.Sum(p => p.Item2.Allocations.Where(a => a.Kind == Domain.Payments.AllocationKind.Payment).Sum(a => a.AmountMinor));
                exceptions += others.Count(l => l.Status == BankLineStatus.Exception);
            }
            catch (BulkApplicationWriter.ChangedMeanwhileException)
            {
                // Someone changed one of these invoices meanwhile: nothing of this chunk is applied; every line waits, with its suggestions.
                var reloaded = await db.BankLines.Where(l => chunk.Contains(l.Id) && l.Status == BankLineStatus.Matching).ToListAsync(ct);
                foreach (var line in reloaded)
                {
                    var result = results.Single(r => r.Line.Id == line.Id).Result;
                    if (result.Kind == LineKind.StripePayout) line.MarkStripePayout();
                    else line.WaitForSpecialist(ProposalJson.Write(result.Proposals));
                }
                using (db.Audit.Begin("bank.match")) await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                exceptions += reloaded.Count(l => l.Status == BankLineStatus.Exception);
            }
        }
        return (applied, exceptions, appliedCash);
    }

    /// <summary>The invoices still owe what the proposal puts on them, and any discount it takes is still earned on the line's date.</summary>
    private static bool AllStillOpen(Proposal proposal, IReadOnlyDictionary<long, Domain.Invoicing.Invoice> invoices, DateOnly on) =>
        proposal.Allocations.All(a => invoices.TryGetValue(a.InvoiceId, out var invoice) && invoice.CanReceiveMoney && invoice.OpenMinor >= a.CashMinor + a.DiscountMinor
                                      && (a.DiscountMinor == 0 || invoice.EarlyPaymentDiscountOn(on).Minor >= a.DiscountMinor));

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024} KB";

    private static BankImportResult Refused(string problem) => new(false, 0, 0, 0, 0, 0, null, [problem]);
}
