using System.Globalization;
using System.Xml;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>A credit or debit to write into a camt.053 statement.</summary>
public sealed record CamtEntry(string AccountServicerReference, DateOnly BookingDate, long AmountMinor, bool IsCredit, string? PartyName,
    string? PartyIban, string? Unstructured, string? CreditorReference = null, string? EndToEndId = null);

/// <summary>Writes camt.053.001.08 statements (the scenario generator's and the tests' bank files), streaming, so a hundred thousand entries stay cheap.</summary>
public static class Camt053Writer
{
    private const string Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    public static void Write(Stream output, string statementId, string iban, string currency, DateTime createdAt, IEnumerable<CamtEntry> entries)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("Document", Ns);
        xml.WriteStartElement("BkToCstmrStmt", Ns);
        xml.WriteStartElement("GrpHdr", Ns);
        xml.WriteElementString("MsgId", Ns, statementId);
        xml.WriteElementString("CreDtTm", Ns, createdAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        xml.WriteStartElement("Stmt", Ns);
        xml.WriteElementString("Id", Ns, statementId);
        xml.WriteStartElement("Acct", Ns);
        xml.WriteStartElement("Id", Ns);
        xml.WriteElementString("IBAN", Ns, iban);
        xml.WriteEndElement();
        xml.WriteElementString("Ccy", Ns, currency);
        xml.WriteEndElement();
        foreach (var e in entries)
        {
            xml.WriteStartElement("Ntry", Ns);
            xml.WriteStartElement("Amt", Ns);
            xml.WriteAttributeString("Ccy", currency);
            xml.WriteString(new PayPortal.Domain.Money(e.AmountMinor, PayPortal.Domain.Currency.Parse(currency)).ToDecimalString());
            xml.WriteEndElement();
            xml.WriteElementString("CdtDbtInd", Ns, e.IsCredit ? "CRDT" : "DBIT");
            xml.WriteStartElement("Sts", Ns);
            xml.WriteElementString("Cd", Ns, "BOOK");
            xml.WriteEndElement();
            Date(xml, "BookgDt", e.BookingDate);
            Date(xml, "ValDt", e.BookingDate);
            xml.WriteElementString("AcctSvcrRef", Ns, e.AccountServicerReference);
            xml.WriteStartElement("BkTxCd", Ns);
            xml.WriteStartElement("Domn", Ns);
            xml.WriteElementString("Cd", Ns, "PMNT");
            xml.WriteStartElement("Fmly", Ns);
            xml.WriteElementString("Cd", Ns, e.IsCredit ? "RCDT" : "ICDT");
            xml.WriteElementString("SubFmlyCd", Ns, "ESCT");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("NtryDtls", Ns);
            xml.WriteStartElement("TxDtls", Ns);
            if (e.EndToEndId is not null)
            {
                xml.WriteStartElement("Refs", Ns);
                xml.WriteElementString("EndToEndId", Ns, e.EndToEndId);
                xml.WriteEndElement();
            }
            if (e.PartyName is not null || e.PartyIban is not null)
            {
                xml.WriteStartElement("RltdPties", Ns);
                xml.WriteStartElement(e.IsCredit ? "Dbtr" : "Cdtr", Ns);
                xml.WriteStartElement("Pty", Ns);
                if (e.PartyName is not null) xml.WriteElementString("Nm", Ns, e.PartyName);
                xml.WriteEndElement();
                xml.WriteEndElement();
                if (e.PartyIban is not null)
                {
                    xml.WriteStartElement(e.IsCredit ? "DbtrAcct" : "CdtrAcct", Ns);
                    xml.WriteStartElement("Id", Ns);
                    xml.WriteElementString("IBAN", Ns, e.PartyIban);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            if (e.Unstructured is not null || e.CreditorReference is not null)
            {
                xml.WriteStartElement("RmtInf", Ns);
                if (e.Unstructured is not null) xml.WriteElementString("Ustrd", Ns, e.Unstructured.Length > 140 ? e.Unstructured[..140] : e.Unstructured);
                if (e.CreditorReference is not null)
                {
                    xml.WriteStartElement("Strd", Ns);
                    xml.WriteStartElement("CdtrRefInf", Ns);
                    xml.WriteElementString("Ref", Ns, e.CreditorReference);
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement(); // TxDtls
            xml.WriteEndElement(); // NtryDtls
            xml.WriteEndElement(); // Ntry
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Date(XmlWriter xml, string name, DateOnly date)
    {
        xml.WriteStartElement(name, Ns);
        xml.WriteElementString("Dt", Ns, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }
}
