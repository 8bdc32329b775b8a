using System.Text;

namespace PayPortal.Infrastructure.Tests.Banking;

/// <summary>Bank files an attacker (or a broken bank export) could send, made in memory.</summary>
public static class HostileFiles
{
    public const string Camt053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    public const string Camt054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A camt message of one record holding <paramref name="entries"/> (raw Ntry elements).</summary>
    public static string Camt(string ns, string entries, string recordExtras = "", string id = "R-1")
    {
        var (message, record) = ns == Camt054 ? ("BkToCstmrDbtCdtNtfctn", "Ntfctn") : ("BkToCstmrStmt", "Stmt");
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="{ns}">
              <{message}>
                <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-11-20T09:00:00</CreDtTm></GrpHdr>
                <{record}>
                  <Id>{id}</Id>{recordExtras}
                  <Acct><Id><IBAN>US00BANK0000000001</IBAN></Id><Ccy>USD</Ccy></Acct>
            {entries}
                </{record}>
              </{message}>
            </Document>
            """;
    }

    public static string Entry(string reference, string amount, string dates, string direction = "CRDT", string text = "") =>
        $"<Ntry><NtryRef>{reference}</NtryRef><Amt Ccy=\"USD\">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>{dates}<AddtlNtryInf>{text}</AddtlNtryInf></Ntry>";

    public const string Booked = "<BookgDt><Dt>2026-11-20</Dt></BookgDt>";

    /// <summary>An external entity pointing at a local file: refused before anything is read from it.</summary>
    public static byte[] ExternalEntity() => Utf8($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE Document [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
        <Document xmlns="{Camt053}"><BkToCstmrStmt><Stmt><Id>&secret;</Id></Stmt></BkToCstmrStmt></Document>
        """);

    /// <summary>"Billion laughs": ten entities each ten times the one before, a few hundred bytes expanding to gigabytes.</summary>
    public static byte[] BillionLaughs()
    {
        var dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++) dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        return Utf8($"<?xml version=\"1.0\"?>\n<!DOCTYPE Document [{dtd}]>\n<Document xmlns=\"{Camt053}\"><BkToCstmrStmt><Stmt><Id>&lol9;</Id></Stmt></BkToCstmrStmt></Document>");
    }

    /// <summary>A statement whose one entry's remittance nests <paramref name="levels"/> elements deep (one per line, so line numbers tell where).</summary>
    public static byte[] Nested(int levels)
    {
        var text = new StringBuilder(levels * 8 + 1024);
        text.Append($"<Document xmlns=\"{Camt053}\">\n<BkToCstmrStmt>\n<Stmt>\n<Id>DEEP</Id>\n<Ntry><Amt Ccy=\"USD\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>{Booked}\n<NtryDtls><TxDtls><RmtInf>\n");
        for (var i = 0; i < levels; i++) text.Append("<a>\n");
        for (var i = 0; i < levels; i++) text.Append("</a>");
        text.Append("</RmtInf></TxDtls></NtryDtls></Ntry>\n</Stmt>\n</BkToCstmrStmt>\n</Document>\n");
        return Utf8(text.ToString());
    }
}
