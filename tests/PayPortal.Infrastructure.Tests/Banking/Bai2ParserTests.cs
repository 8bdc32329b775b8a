using System.Text;
using PayPortal.Infrastructure.Adapters.BankFiles;

namespace PayPortal.Infrastructure.Tests.Banking;

/// <summary>BAI2 files from other projects, checked against what those projects' tests assert (SOURCES.md) and the derived totals.</summary>
public class Bai2ParserTests
{
    private static BankFile Parse(params string[] path)
    {
        using var stream = File.OpenRead(SharedTestData.PathOf(["bai2", .. path]));
        return Bai2Parser.Parse(stream);
    }

    private static BankFileException Refused(params string[] path) => Assert.Throws<BankFileException>(() => Parse(path));

    [CorpusFact]
    public void The_citi_example_has_one_191_credit_of_one_penny_with_its_references_and_joined_text()
    {
        var file = Parse("ministryofjustice", "citi_example.bai2");
        var line = Assert.Single(file.Lines);
        Assert.Equal(("191", 1L, "GBP", true, "1234567890"), (line.BankTransactionCode, line.AmountMinor, line.CurrencyCode, line.IsCredit, line.BankReference));
        Assert.Equal(["RP12312312312312"], line.References);
        Assert.Equal("FR:FP SIP INCOMING ENDT:20150715 TRID:RP12312312312312 PY:RP1231231231231200                 A1234BC 22/03/66 BI:22222222 OB:111111 BUCKINGHAM PALACE OB3:BARCLAYS BANK PLC BO:11111111 BO1:DOE JO",
            line.RemittanceText);
        Assert.Equal(new DateOnly(2015, 7, 15), line.BookingDate);
        Assert.Equal("77777777", file.AccountId);
    }

    [CorpusTheory]
    [InlineData("ministryofjustice", "nwb_example.bai2", 89L, 2765L)]
    [InlineData("ministryofjustice", "svb_us_example.bai2", 1395996L, 0L)]
    [InlineData("ministryofjustice", "account_trailer_amount_blank_example.bai2", 0L, 0L)]
    [InlineData("moov-io", "sample1.txt", 320000L, 320000L)]
    [InlineData("moov-io", "sample2.txt", 30950000L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "daily.bai2", 25001L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "daily_with_summary.bai2", 25001L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "eod.bai2", 8325982L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "eod_with_slash_in_text.bai2", 8325982L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "eod_without_as_of_time.bai2", 8325982L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "venturehacks_daily_crlf.bai2", 25001L, 0L)]
    [InlineData("zeptofs-ruby-bai2", "venturehacks_eod_crlf.bai2", 8325982L, 0L)]
    public void Consistent_files_parse_and_their_credits_and_debits_add_up_to_the_derived_totals(string folder, string name, long credits, long debits)
    {
        var file = Parse(folder, name);
        Assert.Equal(credits, file.Lines.Where(l => l.IsCredit).Sum(l => l.AmountMinor));
        Assert.Equal(debits, file.Lines.Where(l => !l.IsCredit).Sum(l => l.AmountMinor));
    }

    [CorpusFact]
    public void The_fedwire_text_is_joined_and_the_originator_is_read_as_the_payer()
    {
        var line = Assert.Single(Parse("zeptofs-ruby-bai2", "eod.bai2").Lines);
        Assert.Equal("195", line.BankTransactionCode);
        Assert.Equal("OPTIONS LINK WIRE CLEARING", line.PayerName);
        Assert.EndsWith("OBI:=INVOICE 123456", line.RemittanceText);
    }

    [CorpusTheory]
    [InlineData("zeptofs-ruby-bai2", "invalid_checksum_eod.bai2", "line 15: account 3333333333 control total is 8325983, but the records add up to 8325982")]
    [InlineData("moov-io", "sample-parseError.txt", "line 1: unknown record type '00'")]
    [InlineData("zeptofs-ruby-bai2", "group_trailer_without_number_of_accounts.bai2", "group number of accounts is 6, but there are 1")]
    [InlineData("moov-io", "sample3.txt", "line 1: more than one record on the line")] // records run together, "/ 02,..."
    [InlineData("moov-io", "sample4-continuations-newline-delimited.txt", "control total")]
    public void Files_whose_trailers_do_not_agree_or_that_are_not_bai2_are_refused_naming_the_line(string folder, string name, string message)
    {
        Assert.Contains(message, Refused(folder, name).Message);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var text = "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n16,195,1000,,REF1,,INV-1/\n";
        var ex = Assert.Throws<BankFileException>(() => Bai2Parser.Parse(new MemoryStream(Encoding.ASCII.GetBytes(text))));
        Assert.Contains("does not end with a 99 file trailer", ex.Message);
    }
}
