using System.Text;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Ledger;

namespace PayPortal.Infrastructure.Tests.CashApplication;

public class BankImportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private TempDatabase _db = null!;
    private readonly Dictionary<string, long> _invoices = [];

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        await using var scope = _db.Scope();
        var acme = new Customer("C-1", "Acme Fabrication Inc.", Currency.USD, new PaymentTerms(30, 2, 10), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
        var bright = new Customer("C-2", "Brightline Logistics LLC", Currency.USD, PaymentTerms.Net(30), ["ap@bright.test"]) { CreatedAt = DateTime.UtcNow };
        foreach (var (customer, number, amount, issued) in new[]
                 {
                     (acme, "INV-100001", 500_00L, Today.AddDays(-40)), (acme, "INV-100002", 1000_00L, Today.AddDays(-3)),
                     (acme, "INV-100003", 250_00L, Today.AddDays(-35)), (bright, "INV-100004", 300_00L, Today.AddDays(-50)), (bright, "INV-100005", 120_00L, Today.AddDays(-45)),
                 })
        {
            var invoice = new Invoice(customer, issued);
            invoice.AddLine("Goods", 1, amount);
            scope.Db.Invoices.Add(invoice);
            scope.Db.Journals.Add(Postings.PostInvoice(invoice, number, DateTime.UtcNow));
            await scope.Db.SaveChangesAsync();
            _invoices[number] = invoice.Id;
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static MemoryStream Camt(string statementId, params CamtEntry[] entries)
    {
        var stream = new MemoryStream();
        Camt053Writer.Write(stream, statementId, "US00BANK0000000001", "USD", DateTime.UtcNow, entries);
        stream.Position = 0;
        return stream;
    }

    private async Task<BankImportResult> Import(Stream file, bool autoApply = true, string name = "statement.xml")
    {
        await using var scope = _db.Scope();
        return await scope.Get<BankImport>().ImportAsync(file, name, autoApply);
    }

    private async Task<Dictionary<string, (BankLineStatus Status, string? Rule)>> Lines()
    {
        await using var scope = _db.Scope();
        return await scope.Db.BankLines.ToDictionaryAsync(l => l.BankReference, l => (l.Status, l.Rule));
    }

    private async Task<long> Open(string number)
    {
        await using var scope = _db.Scope();
        return await scope.Db.Invoices.Where(i => i.Id == _invoices[number]).Select(i => i.OpenMinor).SingleAsync();
    }

    [Fact]
    public async Task Sure_lines_are_applied_by_their_rule_the_rest_wait_with_suggestions_and_the_ledger_agrees()
    {
        var result = await Import(Camt("STMT-1",
            new("R1", Today, 500_00, true, "ACME FABRICATION", null, "Payment for inv 100001"),
            new("R2", Today, 980_00, true, "ACME FABRICATION", null, "INV-100002 less 2%"),
            new("R3", Today, 420_00, true, "Brightline Logistics", null, "monthly remittance"),
            new("R4", Today, 99_00, true, "Zebra Holdings", null, "refund"),
            new("R5", Today, 1_000_00, false, "Landlord", null, "rent"),
            new("R6", Today, 250_00, true, "Acme Fabrication", null, "INV 100030")));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((6, 5, false), (result.Lines, result.Credits, result.Duplicate));
        var lines = await Lines();
        Assert.Equal((BankLineStatus.AutoApplied, "invoice-number"), lines["R1"]);
        Assert.Equal((BankLineStatus.AutoApplied, "invoice-number+discount"), lines["R2"]);
        Assert.Equal((BankLineStatus.AutoApplied, "payer-open-invoices"), lines["R3"]); // 300 + 120, the only way
        Assert.Equal(BankLineStatus.Exception, lines["R4"].Status); // nobody we know
        Assert.Equal(BankLineStatus.Debit, lines["R5"].Status);
        Assert.Equal((BankLineStatus.AutoApplied, "invoice-number"), lines["R6"]); // 100030 is 100003 with two digits swapped
        Assert.Equal((4, 1, 99_00L), (result.AutoApplied, result.Exceptions, result.UnappliedMinor));
        Assert.Equal(0, await Open("INV-100002")); // 980.00 cash + 20.00 discount
        Assert.Equal(0, await Open("INV-100004"));

        await using var scope = _db.Scope();
        var check = await scope.Get<LedgerConsistencyCheck>().RunAsync();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
        var suggestions = await scope.Db.BankLines.Where(l => l.BankReference == "R4").Select(l => l.Suggestions).SingleAsync();
        Assert.Equal("[]", suggestions);

        var csv = Path.Combine(_db.Folder, "applications.csv");
        Assert.Equal(5, await scope.Get<ApplicationsExport>().WriteAsync(csv));
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.Equal(ApplicationsExport.Header, rows[0]);
        Assert.Contains("R1,INV-100001,500.00,invoice-number,0.99", rows);
        Assert.Contains("R2,INV-100002,980.00,invoice-number+discount,0.97", rows); // the discount beside it is not cash
        Assert.Contains(rows, r => r.StartsWith("R3,INV-100004,300.00,payer-open-invoices,"));
    }

    [Fact]
    public async Task The_same_statement_twice_is_recognised_and_changes_nothing()
    {
        var entries = new CamtEntry[] { new("R1", Today, 500_00, true, "ACME", null, "INV-100001") };
        Assert.False((await Import(Camt("STMT-2", entries))).Duplicate);
        var again = await Import(Camt("STMT-2", entries));
        Assert.True(again.Duplicate);
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM BankStatements"));
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM Payments"));
    }

    [Fact]
    public async Task Without_auto_apply_every_credit_waits_with_its_suggestions()
    {
        var result = await Import(Camt("STMT-3", new CamtEntry("R1", Today, 500_00, true, "ACME", null, "INV-100001")), autoApply: false);
        Assert.Equal((0, 1), (result.AutoApplied, result.Exceptions));
        await using var scope = _db.Scope();
        var suggestions = await scope.Db.BankLines.Select(l => l.Suggestions).SingleAsync();
        Assert.Contains("\"rule\":\"invoice-number\"", suggestions);
        Assert.Equal(500_00, await Open("INV-100001"));
    }

    [Theory]
    [InlineData("date,amount,reference,payer,text\n2026-11-20,12.345,R9,Acme,INV-100001\n", "line 2, field 'amount': '12.345' has more than 2 decimals for USD")]
    [InlineData("date,amount,reference,payer,text\n20/11/2026,12.00,R9,Acme,INV-100001\n", "line 2, field 'date': '20/11/2026' is not a date like yyyy-MM-dd")]
    [InlineData("date,amount,currency,reference\n2026-11-20,12.00,XXQ,R9\n", "line 2, field 'currency': unknown currency 'XXQ'")]
    [InlineData("when,amount,reference\n2026-11-20,12.00,R9\n", "line 1: no 'date' column")]
    public async Task A_bad_csv_statement_is_refused_naming_line_and_field_and_nothing_is_imported(string csv, string problem)
    {
        var result = await Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name: "bank.csv");
        Assert.Contains(problem, result.Errors);
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM BankStatements"));
    }

    [Fact]
    public async Task A_csv_statement_with_the_default_columns_is_imported_and_matched()
    {
        var csv = "date,amount,currency,reference,payer,payer_account,text\n"
                  + $"{Today:yyyy-MM-dd},500.00,USD,CSV-1,Acme Fabrication,US1234,\"Invoice INV-100001, thanks\"\n"
                  + $"{Today:yyyy-MM-dd},-75.10,USD,CSV-2,Office supplies,,card\n";
        var result = await Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name: "bank.csv");
        Assert.Equal((2, 1, 1), (result.Lines, result.Credits, result.AutoApplied));
        Assert.Equal(0, await Open("INV-100001"));
    }

    /// <summary>What an import could have changed: statements, lines, payments, journals, entries, allocations and every open amount.</summary>
    private async Task<string> Books()
    {
        var counts = new List<object?>();
        foreach (var table in new[] { "BankStatements", "BankLines", "Payments", "Journals", "LedgerEntries", "Allocations", "AuditEvents" })
            counts.Add(await _db.ScalarAsync($"SELECT COUNT(*) FROM {table}"));
        counts.Add(await _db.ScalarAsync("SELECT group_concat(Id || ':' || OpenMinor, ',') FROM (SELECT Id, OpenMinor FROM Invoices ORDER BY Id)"));
        return string.Join("|", counts);
    }

    [Fact]
    public async Task A_bai2_file_whose_account_total_is_off_by_a_cent_is_refused_with_its_line_and_nothing_changes()
    {
        var before = await Books();
        const string bai2 = "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n"
                            + "16,195,50000,,REF1,,INV-100001/\n49,50001,3/\n98,50001,1,5/\n99,50001,1,7/\n";
        var result = await Import(new MemoryStream(Encoding.ASCII.GetBytes(bai2)), name: "day.bai2");
        Assert.False(result.Succeeded);
        Assert.Equal(["line 5: account 123 control total is 50001, but the records add up to 50000"], result.Errors);
        Assert.Equal(before, await Books());
    }

    [Theory]
    [InlineData("<Amt Ccy=\"USD\">500.00</Amt>", "<Amt Ccy=\"USD\">5OO.00</Amt>", "Amt")]
    [InlineData("</Stmt>", "</Stmnt>", "line")]
    public async Task A_corrupted_camt_statement_is_refused_naming_where_and_nothing_changes(string original, string corrupted, string named)
    {
        var before = await Books();
        var xml = Encoding.UTF8.GetString(Camt("CORRUPT-1", new CamtEntry("R1", Today, 500_00, true, "ACME", null, "INV-100001")).ToArray());
        Assert.Contains(original, xml);
        var result = await Import(new MemoryStream(Encoding.UTF8.GetBytes(xml.Replace(original, corrupted))));
        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Errors);
        Assert.Contains(named, problem);
        Assert.Matches(@"line \d+", problem);
        Assert.Equal(before, await Books());
    }

    [CorpusFact]
    public async Task A_corrupted_bai2_file_is_refused_with_its_line_and_nothing_changes()
    {
        await using var file = File.OpenRead(SharedTestData.PathOf("bai2", "zeptofs-ruby-bai2", "invalid_checksum_eod.bai2"));
        var result = await Import(file, name: "eod.bai2");
        Assert.Equal(["line 15: account 3333333333 control total is 8325983, but the records add up to 8325982"], result.Errors);
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM BankStatements"));
    }

    [CorpusFact]
    public async Task A_published_camt_statement_imports_with_its_lines_kept_and_credits_queued()
    {
        await using var file = File.OpenRead(SharedTestData.PathOf("camt", "moov-io-iso20022", "FI_camt_053_sample.xml"));
        var result = await Import(file, name: "FI_camt_053_sample.xml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(13, result.Lines);
        Assert.Equal(result.Credits, result.Exceptions); // none of these payers are our customers (EUR, Finnish sample)
        Assert.Equal(2307500L, await _db.ScalarAsync("SELECT SUM(AmountMinor) FROM BankLines WHERE IsCredit = 1"));
    }

    [Fact]
    public async Task A_stripe_payout_settles_the_card_payments_it_adds_up_to_and_never_touches_invoices()
    {
        long[] payments;
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync(c => c.Number == "C-1");
            var made = new[] { 100_00L, 250_00L, 75_00L }.Select((amount, i) => new Domain.Payments.Payment(customer, new Money(amount, Currency.USD),
                Domain.Payments.PaymentMethod.Card, Today.AddDays(-3 - i), $"pi_test_{i}")).ToList();
            foreach (var p in made)
            {
                scope.Db.Payments.Add(p);
                scope.Db.Journals.Add(Postings.ReceivePayment(p, DateTime.UtcNow));
            }
            await scope.Db.SaveChangesAsync();
            payments = made.Select(p => p.Id).ToArray();
        }
        var open = await Open("INV-100001");
        var result = await Import(Camt("PAYOUTS",
            new CamtEntry("PO-1", Today, 350_00, true, "STRIPE", null, "STRIPE PAYOUT po_1"),
            new CamtEntry("PO-2", Today, 999_99, true, "STRIPE", null, "STRIPE PAYOUT po_2")));
        Assert.True(result.Succeeded);

        await using var check = _db.Scope();
        var lines = await check.Db.BankLines.ToDictionaryAsync(l => l.BankReference);
        Assert.Equal((BankLineStatus.StripePayout, "stripe-payout"), (lines["PO-1"].Status, lines["PO-1"].Rule));
        Assert.Contains("settles 2 Stripe payment(s): pi_test_1, pi_test_0", lines["PO-1"].PayoutNote); // oldest first
        var settled = await check.Db.Payments.Where(p => payments.Contains(p.Id)).ToDictionaryAsync(p => p.Reference!, p => p.SettledByBankLineId);
        Assert.Equal(lines["PO-1"].Id, settled["pi_test_0"]);
        Assert.Equal(lines["PO-1"].Id, settled["pi_test_1"]);
        Assert.Null(settled["pi_test_2"]);
        Assert.Equal("stripe-payout-unmatched", lines["PO-2"].Rule);
        Assert.Contains("adds up to it", lines["PO-2"].PayoutNote);
        Assert.Equal(open, await Open("INV-100001"));
        Assert.Equal(0, result.AutoApplied);
    }

    [Fact]
    public async Task A_payout_stripe_reported_settles_exactly_the_payments_it_carries_by_its_id_or_by_amount_and_date()
    {
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync(c => c.Number == "C-1");
            foreach (var (amount, i) in new[] { 100_00L, 250_00L, 75_00L, 40_00L }.Select((a, i) => (a, i)))
            {
                var p = new Domain.Payments.Payment(customer, new Money(amount, Currency.USD), Domain.Payments.PaymentMethod.Card, Today.AddDays(-3), $"pi_exact_{i}");
                scope.Db.Payments.Add(p);
                scope.Db.Journals.Add(Postings.ReceivePayment(p, DateTime.UtcNow));
            }
            // What payout.paid recorded: Stripe's own itemisation, its fees netted (so no subset of gross amounts adds up).
            StripePayoutItem Charge(int i, long amount, long fee) => new() { BalanceTransactionId = $"txn_{i}", Type = "charge", SourceId = $"ch_{i}", PaymentIntentId = $"pi_exact_{i}", AmountMinor = amount, FeeMinor = fee };
            scope.Db.StripePayouts.Add(new StripePayout
            {
                PayoutId = "po_named", AmountMinor = 100_00 - 3_20 + 75_00 - 2_48, CurrencyCode = "USD", ArrivalDate = Today, ReceivedAt = DateTime.UtcNow,
                Items = [Charge(0, 100_00, 3_20), Charge(2, 75_00, 2_48)],
            });
            scope.Db.StripePayouts.Add(new StripePayout
            {
                PayoutId = "po_unnamed", AmountMinor = 250_00 - 7_55, CurrencyCode = "USD", ArrivalDate = Today.AddDays(-1), ReceivedAt = DateTime.UtcNow,
                Items = [Charge(1, 250_00, 7_55)],
            });
            await scope.Db.SaveChangesAsync();
        }
        var result = await Import(Camt("PAYOUTS-EXACT",
            new CamtEntry("PX-1", Today, 100_00 - 3_20 + 75_00 - 2_48, true, "STRIPE", null, "STRIPE PAYOUT po_named"),
            new CamtEntry("PX-2", Today, 250_00 - 7_55, true, "STRIPE", null, "STRIPE PAYOUT ST-8F2K")));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));

        await using var check = _db.Scope();
        var lines = await check.Db.BankLines.ToDictionaryAsync(l => l.BankReference);
        var settled = await check.Db.Payments.Where(p => p.Reference!.StartsWith("pi_exact_")).ToDictionaryAsync(p => p.Reference!, p => p.SettledByBankLineId);
        Assert.Equal(lines["PX-1"].Id, settled["pi_exact_0"]);
        Assert.Equal(lines["PX-1"].Id, settled["pi_exact_2"]);
        Assert.Equal(lines["PX-2"].Id, settled["pi_exact_1"]);
        Assert.Null(settled["pi_exact_3"]);
        Assert.Equal(("stripe-payout", "stripe-payout"), (lines["PX-1"].Rule, lines["PX-2"].Rule));
        Assert.Contains("Stripe payout po_named settles 2 payment(s)", lines["PX-1"].PayoutNote);
        Assert.Contains("Stripe fees USD 5.68", lines["PX-1"].PayoutNote);
        Assert.Contains("po_unnamed", lines["PX-2"].PayoutNote);

        // A line naming a payout Stripe reported for another amount settles nothing and says so.
        await using (var scope = _db.Scope())
        {
            scope.Db.StripePayouts.Add(new StripePayout { PayoutId = "po_other", AmountMinor = 40_00, CurrencyCode = "USD", ArrivalDate = Today, ReceivedAt = DateTime.UtcNow,
                Items = [new StripePayoutItem { BalanceTransactionId = "txn_3", Type = "charge", PaymentIntentId = "pi_exact_3", AmountMinor = 40_00 }] });
            await scope.Db.SaveChangesAsync();
        }
        Assert.True((await Import(Camt("PAYOUTS-MISMATCH", new CamtEntry("PX-3", Today, 39_00, true, "STRIPE", null, "STRIPE PAYOUT po_other")))).Succeeded);
        await using var after = _db.Scope();
        var mismatched = await after.Db.BankLines.SingleAsync(l => l.BankReference == "PX-3");
        Assert.Equal("stripe-payout-unmatched", mismatched.Rule);
        Assert.Contains("left for a person", mismatched.PayoutNote);
        Assert.Null(await after.Db.Payments.Where(p => p.Reference == "pi_exact_3").Select(p => p.SettledByBankLineId).SingleAsync());
    }

    [Fact]
    public async Task A_movement_an_earlier_file_brought_is_kept_but_never_applied_again()
    {
        var first = new CamtEntry("R1", Today, 500_00, true, "ACME FABRICATION", null, "INV-100001");
        await Import(Camt("INTRADAY-1", first));
        var second = await Import(Camt("EOD-1", first, new CamtEntry("R2", Today, 250_00, true, "ACME FABRICATION", null, "INV-100003")));
        Assert.Equal((2, 1), (second.Lines, second.AutoApplied));
        Assert.Equal(BankLineStatus.AlreadyImported, (await LinesOf("EOD-1"))["R1"]);
        Assert.Equal(2L, await _db.ScalarAsync("SELECT COUNT(*) FROM Payments"));
    }

    private async Task<Dictionary<string, BankLineStatus>> LinesOf(string statementId)
    {
        await using var scope = _db.Scope();
        return await scope.Db.BankLines.Where(l => l.Statement!.StatementId == statementId).ToDictionaryAsync(l => l.BankReference, l => l.Status);
    }
}
