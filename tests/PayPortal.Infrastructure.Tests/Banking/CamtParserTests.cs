using System.Text;
using PayPortal.Infrastructure.Adapters.BankFiles;

namespace PayPortal.Infrastructure.Tests.Banking;

/// <summary>camt.052/053/054 files from other projects, checked against their asserted values and our derived totals (SOURCES.md).</summary>
public class CamtParserTests
{
    private static BankFile Parse(params string[] path)
    {
        using var stream = File.OpenRead(SharedTestData.PathOf(["camt", .. path]));
        return CamtParser.Parse(stream);
    }

    [CorpusFact]
    public void The_viafintech_statement_has_a_two_euro_debit_with_its_references_and_counterparty()
    {
        var file = Parse("viafintech-camt_parser", "053_valid_example.xml");
        Assert.Equal(("0352C5320131227220503", "DE14740618130000033626"), (file.StatementId, file.AccountId));
        var line = file.Lines[0];
        Assert.Equal((200L, "EUR", false, "2013122710583450000"), (line.AmountMinor, line.CurrencyCode, line.IsCredit, line.BankReference));
        Assert.Equal(new DateOnly(2013, 12, 27), line.BookingDate);
        Assert.Equal("Testkonto Nummer 2", line.PayerName); // on a debit, the other party is the creditor
        Assert.Equal("DE09300606010012345671", line.PayerAccount);
        Assert.Contains("TEST BERWEISUNG MITTELS BLZUND KONTONUMMER - DTA", line.RemittanceText);
        Assert.Contains("EndToEndReference", line.References);
    }

    [CorpusFact]
    public void Version_8_reads_the_remittance_and_creditor_reference_and_the_amount_of_each_entry()
    {
        var file = Parse("viafintech-camt_parser", "053_valid_example_v8.xml");
        Assert.Equal("R30B4SA880HMZ9XA", file.StatementId);
        Assert.Contains("INVOICE R77561", file.Lines[0].RemittanceText);
        Assert.Equal(8885L, file.Lines[1].AmountMinor);
        Assert.Contains("RF38000000000000000000552", file.Lines[1].References);
        Assert.StartsWith("camt.053.001.08", file.Format);
    }

    [CorpusTheory]
    [InlineData("moov-io-iso20022", "FI_camt_053_sample.xml", 2307500L, 943017L)]
    [InlineData("moov-io-iso20022", "FI_camt_054_sample.xml", 550000L, 523005L)] // derived 5600.00 counts a 100.00 INFO entry: not booked, so not a line
    [InlineData("moov-io-iso20022", "camt.053_P_CH2909000000250094239_1110092698_0_2020112503071366.xml", 473372L, 7770L)]
    [InlineData("moov-io-iso20022", "200519_camt054-ESR-ASR_P_CH2909000000250094239_1110092704_0_2019042500372179.xml", 153700L, 14700L)]
    [InlineData("moov-io-iso20022", "statement_1.xml", 0L, 276808L)]
    [InlineData("genkgo-camt", "camt053.v2.multi.statement.xml", 885L, 700L)]
    [InlineData("genkgo-camt", "camt053.v4.xml", 885L, 0L)]
    [InlineData("genkgo-camt", "camt053.v8.xml", 885L, 0L)]
    [InlineData("genkgo-camt", "camt053.v2.five.decimals.xml", 885L, 0L)]
    [InlineData("genkgo-camt", "camt054.v2.xml", 0L, 20000000L)]
    [InlineData("genkgo-camt", "camt054.v8.xml", 0L, 20000000L)]
    [InlineData("genkgo-camt", "camt052.v4.xml", 0L, 0L)] // its only entry is pending (PDNG): nothing has moved yet
    [InlineData("genkgo-camt", "camt052.v1.xml", 0L, 20000000L)] // version .01 names its message BkToCstmrAcctRptV01
    [InlineData("genkgo-camt", "camt052.v2.with-account-name.xml", 0L, 20000000L)] // no BookgDt nor ValDt: the report's CreDtTm
    [InlineData("genkgo-camt", "camt054.v8-with-UETR.xml", 0L, 20000000L)] // no BookgDt nor ValDt: the notification's CreDtTm
    public void Credits_and_debits_add_up_to_the_derived_totals(string folder, string name, long credits, long debits)
    {
        var file = Parse(folder, name);
        Assert.Equal(credits, file.Lines.Where(l => l.IsCredit).Sum(l => l.AmountMinor));
        Assert.Equal(debits, file.Lines.Where(l => !l.IsCredit).Sum(l => l.AmountMinor));
    }

    [CorpusFact]
    public void A_batch_entry_with_amounts_per_detail_becomes_one_line_per_payment()
    {
        var file = Parse("moov-io-iso20022", "FI_camt_053_sample.xml");
        Assert.Equal(13, file.Lines.Count); // 10 entries, two of them batches (of 3 and 2) whose detail amounts add up to the entry
        Assert.Equal(file.Lines.Count, file.Lines.Select(l => l.BankReference).Distinct().Count());
        Assert.Equal(["091029ARCH09001", "091029ARCH09001#2"], file.Lines.TakeLast(2).Select(l => l.BankReference)); // the sample repeats one reference
    }

    [CorpusFact]
    public void A_statement_without_its_Stmt_is_refused()
    {
        var ex = Assert.Throws<BankFileException>(() => Parse("genkgo-camt", "camt053.v2.wrong.xml"));
        Assert.Contains("has no <Stmt>", ex.Message);
    }

    [Theory]
    [InlineData("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry>", "line 1: the file is not well-formed XML")]
    [InlineData("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>", "not a camt.052, camt.053 or camt.054 message")]
    public void Broken_or_foreign_xml_is_refused_naming_the_line(string xml, string message)
    {
        var ex = Assert.Throws<BankFileException>(() => CamtParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("<Amt Ccy=\"XXQ\">10.00</Amt>", "Ntry 1 (line 1): <Amt>: unknown currency 'XXQ'")]
    [InlineData("<Amt Ccy=\"EUR\">10.001</Amt>", "Ntry 1 (line 1): <Amt>: '10.001' has more than 2 decimals for EUR")]
    [InlineData("<Amt Ccy=\"EUR\">ten</Amt>", "is not a decimal amount")]
    public void A_bad_amount_or_currency_names_the_entry(string amount, string message)
    {
        var xml = $"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><Stmt><Id>S1</Id><Ntry>{amount}<CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>";
        var ex = Assert.Throws<BankFileException>(() => CamtParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
        Assert.Contains(message, ex.Message);
    }
}
