using System.Text;
using PayPortal.Infrastructure.Adapters.BankFiles;
using static PayPortal.Infrastructure.Tests.Banking.HostileFiles;

namespace PayPortal.Infrastructure.Tests.Banking;

/// <summary>Files made to hurt the importer (entities, endless nesting, endless lines, sums past a long) are refused with their line, never crash it.</summary>
public class HostileBankFileTests
{
    private static BankFile Read(byte[] bytes) => BankFileReader.Parse(new MemoryStream(bytes), new Dictionary<string, CsvBankMapping>());

    private static BankFileException Refused(byte[] bytes) => Assert.Throws<BankFileException>(() => Read(bytes));

    [Fact]
    public void An_external_entity_is_refused_as_a_dtd_and_nothing_is_fetched()
    {
        var ex = Refused(ExternalEntity());
        Assert.Equal(["the file declares a DTD (<!DOCTYPE ...>); bank files never do, and a DTD can expand entities or fetch other files, so the file is refused"], ex.Problems);
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_as_a_dtd()
    {
        Assert.StartsWith("the file declares a DTD", Assert.Single(Refused(BillionLaughs()).Problems));
    }

    [Fact]
    public void A_file_nested_two_hundred_thousand_levels_deep_is_refused_at_the_first_element_past_the_limit()
    {
        // Document, BkToCstmrStmt, Stmt, Ntry, NtryDtls, TxDtls, RmtInf are levels 0-6; the 59th <a> (line 65) is level 65.
        var ex = Refused(Nested(200_000));
        Assert.Equal(["line 65: <a> is nested more than 64 elements deep; no bank file needs that, so the file is refused"], ex.Problems);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read_as_usual()
    {
        var file = Read(Nested(SafeXmlReader.MaxDepth - 6));
        Assert.Equal(100L, Assert.Single(file.Lines).AmountMinor);
    }

    [Fact]
    public void Deep_nesting_in_a_part_the_parser_skips_is_refused_too()
    {
        var header = string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000));
        var xml = Camt(Camt053, Entry("R1", "1.00", Booked)).Replace("<MsgId>M-1</MsgId>", $"<MsgId>M-1</MsgId>{header}");
        Assert.Contains("<x> is nested more than 64 elements deep", Assert.Single(Refused(Utf8(xml)).Problems));
    }

    [Fact]
    public void Xml_broken_in_the_middle_is_refused_naming_its_line()
    {
        var xml = Camt(Camt053, Entry("R1", "1.00", Booked) + "\n<Ntry><Amt Ccy=\"USD\">2.00</Amount></Ntry>");
        var problem = Assert.Single(Refused(Utf8(xml)).Problems);
        Assert.StartsWith("line 9: the file is not well-formed XML", problem);
    }

    [Fact]
    public void A_camt054_entry_without_a_booking_date_is_booked_on_its_value_date()
    {
        var file = Read(Utf8(Camt(Camt054, Entry("N1", "12.50", "<ValDt><Dt>2026-11-18</Dt></ValDt>"))));
        var line = Assert.Single(file.Lines);
        Assert.Equal((new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 18), 1250L, "N1"), (line.BookingDate, line.ValueDate, line.AmountMinor, line.BankReference));
    }

    [Fact]
    public void A_camt054_entry_with_neither_date_is_booked_on_the_day_the_notification_was_made()
    {
        var file = Read(Utf8(Camt(Camt054, Entry("N1", "12.50", ""), recordExtras: "<CreDtTm>2026-11-19T23:30:00-05:00</CreDtTm>")));
        Assert.Equal(new DateOnly(2026, 11, 19), Assert.Single(file.Lines).BookingDate); // the bank's own date, whatever this machine's zone
    }

    [Fact]
    public void A_statement_entry_with_neither_date_is_refused_naming_the_entry()
    {
        var problem = Assert.Single(Refused(Utf8(Camt(Camt053, Entry("S1", "12.50", "")))).Problems);
        Assert.Equal("Ntry 1 (line 8): neither <BookgDt> nor <ValDt> gives the entry's date", problem);
    }

    [CorpusFact]
    public void The_camt054_notification_with_a_uetr_and_no_dates_is_read()
    {
        using var stream = File.OpenRead(SharedTestData.PathOf("camt", "genkgo-camt", "camt054.v8-with-UETR.xml"));
        var file = BankFileReader.Parse(stream, new Dictionary<string, CsvBankMapping>());
        // SOURCES.md: Ntfctn AAAASESS-FP-ACCR001, account CH2801234000123456789, one booked debit of 200000 SEK (genkgo: "-20000000" minor units, no booking date).
        Assert.Equal(("camt.054.001.08", "AAAASESS-FP-ACCR001", "CH2801234000123456789"), (file.Format, file.StatementId, file.AccountId));
        var line = Assert.Single(file.Lines);
        Assert.Equal((20000000L, "SEK", false), (line.AmountMinor, line.CurrencyCode, line.IsCredit));
        Assert.Equal(new DateOnly(2007, 10, 18), line.BookingDate); // the notification's CreDtTm, 2007-10-18T12:30:00+01:00
        Assert.Equal("255ae394-9965-4438-ac86-f406feada396", line.BankReference); // its only reference is the UETR
    }

    [Fact]
    public void A_bai2_line_without_an_end_is_refused_naming_it_without_reading_it_whole()
    {
        var text = "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n16,195,1000,,REF1,,"
                   + new string('X', Bai2Parser.MaxRecordLength + 10);
        Assert.Equal([$"line 4: the record is longer than {Bai2Parser.MaxRecordLength} characters; this is not a BAI2 file"], Refused(Encoding.ASCII.GetBytes(text)).Problems);
    }

    private const string Bai2Body = "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n16,195,1000,,REF1,,INV-1/\n49,1000,3/\n98,1000,1,5/\n99,1000,1,7/\n";

    [Fact]
    public void A_bai2_file_that_goes_on_after_its_trailer_is_refused()
    {
        Assert.Equal(["line 8: the file goes on after its 99 file trailer (line 7)"], Refused(Encoding.ASCII.GetBytes(Bai2Body + "16,195,1000,,REF2,,INV-2/\n")).Problems);
    }

    [Fact]
    public void Bai2_records_run_together_on_one_line_are_refused_naming_it()
    {
        var text = Bai2Body.Replace("49,1000,3/\n98", "49,1000,3/ 98");
        Assert.StartsWith("line 5: more than one record on the line", Assert.Single(Refused(Encoding.ASCII.GetBytes(text)).Problems));
    }

    [Fact]
    public void Bai2_amounts_that_would_overflow_are_refused_naming_the_line()
    {
        var text = Bai2Body.Replace("16,195,1000,,REF1,,INV-1/", "16,195,9223372036854775000,,REF1,,INV-1/\n16,195,9223372036854775000,,REF2,,INV-2/");
        Assert.Equal(["line 5: the amounts add up to more than PayPortal can count"], Refused(Encoding.ASCII.GetBytes(text)).Problems);
    }

    [Fact]
    public void A_bai2_distributed_funds_count_larger_than_the_record_does_not_crash()
    {
        var text = Bai2Body.Replace("16,195,1000,,REF1,,INV-1/", "16,195,1000,D,2147483647,1,1000,REF1,,INV-1/");
        var line = Assert.Single(Read(Encoding.ASCII.GetBytes(text)).Lines);
        Assert.Equal(1000L, line.AmountMinor);
    }

    [Fact]
    public void A_statement_adding_up_to_more_than_any_statement_moves_is_refused_naming_the_line()
    {
        var csv = new StringBuilder("date,amount,reference\n");
        for (var i = 1; i <= 41; i++) csv.Append($"2026-11-20,250000000000.00,R{i}\n"); // 40 of them are exactly the limit
        Assert.Equal(["line 42: the file's credits add up to more than 10^15 minor units; no statement moves that much"], Refused(Utf8(csv.ToString())).Problems);
    }

    [Fact]
    public void A_file_with_thousands_of_bad_lines_lists_the_first_fifty_and_counts_the_rest()
    {
        var csv = new StringBuilder("date,amount,reference\n");
        for (var i = 1; i <= 5000; i++) csv.Append($"yesterday,1.00,R{i}\n");
        var problems = Refused(Utf8(csv.ToString())).Problems;
        Assert.Equal(BankFileReader.MaxProblems + 1, problems.Count);
        Assert.Equal("line 2, field 'date': 'yesterday' is not a date like yyyy-MM-dd", problems[0]);
        Assert.Equal("and 4950 more problems", problems[^1]);
    }
}
