using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Tests.Banking;
using static PayPortal.Infrastructure.Tests.Banking.HostileFiles;

namespace PayPortal.Infrastructure.Tests.CashApplication;

/// <summary>A refused bank file, in any format and however it is broken, leaves every row of every table as it was.</summary>
public class RefusedBankFileImportTests : IAsyncLifetime
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync(new() { ["Banking:MaxFileBytes"] = "4194304" });
        await using var scope = _db.Scope();
        var acme = new Customer("C-1", "Acme Fabrication Inc.", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
        var invoice = new Invoice(acme, new DateOnly(2026, 11, 1));
        invoice.AddLine("Goods", 1, 500_00);
        scope.Db.Invoices.Add(invoice);
        scope.Db.Journals.Add(Postings.PostInvoice(invoice, "INV-100001", DateTime.UtcNow));
        await scope.Db.SaveChangesAsync();
        // Something imported before, so a refusal has bank data it could have touched.
        var earlier = await Import(Utf8(Camt(Camt053, Entry("EARLIER-1", "200.00", Booked) + Entry("EARLIER-2", "99.00", Booked), id: "EARLIER")));
        Assert.True(earlier.Succeeded, string.Join("; ", earlier.Errors));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<BankImportResult> Import(byte[] file, Func<byte[], Stream>? open = null)
    {
        await using var scope = _db.Scope();
        await using var stream = (open ?? (b => new MemoryStream(b)))(file);
        return await scope.Get<BankImport>().ImportAsync(stream, "statement", autoApply: true);
    }

    private const string Bai2 = "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n16,195,50000,,B-1,,INV-100001/\n49,50000,3/\n98,50000,1,5/\n99,50000,1,7/\n";

    public static TheoryData<string, byte[], string> BrokenFiles() => new()
    {
        // Each file's first lines are good and would be imported on their own: the bad part comes after.
        { "camt.053", Utf8(Camt(Camt053, Entry("G-1", "500.00", Booked, text: "INV-100001") + Entry("G-2", "ten", Booked))), "Ntry 2 (line 8): <Amt>: 'ten' is not a decimal amount like 1234.50" },
        { "camt.054", Utf8(Camt(Camt054, Entry("G-1", "500.00", Booked, text: "INV-100001") + Entry("G-2", "5.00", Booked, direction: "BOTH"))), "Ntry 2 (line 8): <CdtDbtInd> must be CRDT or DBIT, not 'BOTH'" },
        { "camt.053 cut short", Utf8(Camt(Camt053, Entry("G-1", "500.00", Booked, text: "INV-100001"))[..^40]), "line 9: the file is not well-formed XML" },
        { "camt.053 with a DTD", ExternalEntity(), "the file declares a DTD" },
        { "camt.053 of a billion laughs", BillionLaughs(), "the file declares a DTD" },
        { "camt.053 nested 200,000 deep", Nested(200_000), "line 65: <a> is nested more than 64 elements deep" },
        { "BAI2", Encoding.ASCII.GetBytes(Bai2.Replace("49,50000,3/", "49,50001,3/")), "line 5: account 123 control total is 50001, but the records add up to 50000" },
        { "BAI2 cut short", Encoding.ASCII.GetBytes(Bai2[..Bai2.IndexOf("98,", StringComparison.Ordinal)]), "line 5: the file does not end with a 99 file trailer (truncated?)" },
        { "CSV", Utf8("date,amount,reference,text\n2026-11-20,500.00,C-1,INV-100001\n2026-11-21,5.00,,INV-100001\n"), "line 3, field 'reference': the bank reference is empty" },
        { "CSV not UTF-8", [.. Encoding.ASCII.GetBytes("date,amount,reference,payer\n2026-11-20,500.00,C-1,"), 0xC3, 0x28, (byte)'\n'], "the file is not UTF-8 text" },
        { "empty", [], "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_refused_file_names_its_problem_and_changes_nothing(string format, byte[] file, string problem)
    {
        var before = await Fingerprint();
        var result = await Import(file);
        Assert.False(result.Succeeded, format);
        Assert.Contains(result.Errors, e => e.StartsWith(problem, StringComparison.Ordinal));
        Assert.Equal(before, await Fingerprint());
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_while_it_is_still_being_read_and_changes_nothing()
    {
        var before = await Fingerprint();
        var entries = string.Concat(Enumerable.Range(1, 40_000).Select(i => Entry($"BIG-{i}", "1.00", Booked)));
        var file = Utf8(Camt(Camt053, entries));
        Assert.True(file.Length > 4194304);
        var unseekable = new UnseekableStream(file);
        var result = await Import(file, _ => unseekable);
        Assert.Equal(["the file is larger than 4 MB"], result.Errors);
        Assert.True(unseekable.BytesRead < file.Length, "read to the end although the limit was passed long before");
        Assert.Equal(before, await Fingerprint());
    }

    [Fact]
    public async Task A_good_file_from_a_stream_that_cannot_seek_is_imported()
    {
        var result = await Import(Utf8(Camt(Camt053, Entry("STREAMED-1", "500.00", Booked, text: "INV-100001"))), b => new UnseekableStream(b));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((1, false), (result.Lines, result.Duplicate));
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM BankLines WHERE BankReference = 'STREAMED-1' AND AmountMinor = 50000"));
    }

    /// <summary>Every row of every table, hashed in a stable order.</summary>
    private async Task<string> Fingerprint()
    {
        await using var connection = new SqliteConnection(DataPaths.SqliteConnectionString(_db.Path));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            text.Append(table).Append('\n');
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                text.Append('\n');
            }
        }
        Assert.Contains("EARLIER-1", text.ToString()); // the fingerprint does see bank lines
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>An upload as a network stream gives it: forward only, length unknown.</summary>
    private sealed class UnseekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, Math.Min(count, 8192));
            BytesRead += read;
            return read;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
