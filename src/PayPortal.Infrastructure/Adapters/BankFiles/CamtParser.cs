using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>
/// ISO 20022 bank-to-customer messages: camt.053 statements, camt.054 debit/credit notifications and
/// camt.052 reports, versions .001.01 to .001.10 (the elements PayPortal reads have kept their names).
/// An entry with several transaction details of their own amounts becomes one line per detail.
/// Every problem names the element it is in; nothing is returned unless the whole file is good.
/// </summary>
public static partial class CamtParser
{
    [GeneratedRegex(@"^urn:iso:std:iso:20022:tech:xsd:camt\.05([234])\.001\.(0[1-9]|10)$")]
    private static partial Regex Namespace();

    public static bool LooksLikeCamt(ReadOnlySpan<byte> head) =>
        System.Text.Encoding.UTF8.GetString(head).Contains("urn:iso:std:iso:20022:tech:xsd:camt.05", StringComparison.Ordinal);

    /// <summary>
    /// Reads the file forward only (<see cref="SafeXmlReader"/>): a tree is built for one entry at a time, never
    /// for the whole file, so a statement of hundreds of megabytes is not held in memory beside its lines.
    /// </summary>
    public static BankFile Parse(Stream stream)
    {
        using var reader = SafeXmlReader.Open(stream);
        try
        {
            return Read(reader);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            // XmlReader gives no line for this one; the <!DOCTYPE> it names can only be in the prolog, before the root element.
            throw new BankFileException(["the file declares a DTD (<!DOCTYPE ...>); bank files never do, and a DTD can expand entities or fetch other files, so the file is refused"]);
        }
        catch (XmlException ex)
        {
            throw new BankFileException([$"line {ex.LineNumber}: the file is not well-formed XML ({ex.Message.Split(" Line ")[0]})"]);
        }
    }

    private sealed class Walk
    {
        public readonly List<string> Problems = [];
        public readonly List<BankFileLine> Lines = [];
        public readonly List<string> Ids = [];
        public string? Account;
    }

    private static BankFile Read(SafeXmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) throw new BankFileException([$"line {reader.LineNumber}: the file has no XML element"]);
        var ns = reader.NamespaceURI;
        var match = Namespace().Match(ns);
        if (reader.LocalName != "Document" || !match.Success)
            throw new BankFileException([$"line {reader.LineNumber}: not a camt.052, camt.053 or camt.054 message (namespace '{ns}')"]);
        var rootLine = reader.LineNumber;
        var kind = match.Groups[1].Value;
        var (message, recordName) = kind switch
        {
            "2" => ("BkToCstmrAcctRpt", "Rpt"),
            "3" => ("BkToCstmrStmt", "Stmt"),
            _ => ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
        };
        var walk = new Walk();
        int? bodyLine = null;
        Children(reader, () =>
        {
            // Version .001.01 names the message with its version (BkToCstmrStmtV01); later versions do not.
            if (bodyLine is not null || (reader.LocalName != message && reader.LocalName != message + "V01"))
            {
                reader.Skip();
                return;
            }
            bodyLine = reader.LineNumber;
            Children(reader, () =>
            {
                if (reader.LocalName == recordName) Record(reader, recordName, intraday: kind != "3", walk);
                else reader.Skip();
            });
        });
        if (bodyLine is null) throw new BankFileException([$"line {rootLine}: <{message}> is missing"]);
        if (walk.Ids.Count == 0) throw new BankFileException([$"line {bodyLine}: the message has no <{recordName}>"]);
        if (walk.Problems.Count > 0) throw new BankFileException(walk.Problems);
        return new BankFile($"camt.05{kind}.001.{match.Groups[2].Value}", string.Join(",", walk.Ids), walk.Account, walk.Lines).WithUniqueReferences();
    }

    /// <summary>One statement, report or notification: its id and account come before its entries, as the schema orders them.</summary>
    private static void Record(SafeXmlReader reader, string recordName, bool intraday, Walk walk)
    {
        var recordLine = reader.LineNumber;
        string? id = null, accountCurrency = null;
        string? created = null;
        var entryNo = 0;
        Children(reader, () =>
        {
            switch (reader.LocalName)
            {
                case "Id":
                    id ??= Element(reader).Value.Trim() is { Length: > 0 } v ? v : null;
                    break;
                case "CreDtTm":
                    created = Element(reader).Value.Trim();
                    break;
                case "Acct":
                    var acct = Element(reader);
                    walk.Account ??= Text(Child(acct, "Id"), "IBAN") ?? Text(Child(Child(acct, "Id"), "Othr"), "Id");
                    accountCurrency = Text(acct, "Ccy");
                    break;
                case "Ntry":
                    entryNo++;
                    var entryLine = reader.LineNumber;
                    var entry = Element(reader);
                    try
                    {
                        walk.Lines.AddRange(Entry(entry, entryNo, entryLine, accountCurrency, intraday ? created : null));
                    }
                    catch (BankFileException ex)
                    {
                        walk.Problems.AddRange(ex.Problems);
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        walk.Ids.Add(id ?? $"{recordName}@{recordLine}");
    }

    /// <summary>Calls <paramref name="onChild"/> with the reader on each child element in turn; it must read or skip that element whole.</summary>
    private static void Children(XmlReader reader, Action onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element) onChild();
            else reader.Read();
        }
        reader.Read(); // past the end tag
    }

    private static XElement Element(XmlReader reader) => (XElement)XNode.ReadFrom(reader);
}
