using System.Globalization;
using System.Xml.Linq;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>One camt entry (its tree, read on its own) into bank lines: a batch split per detail, the other party, remittance and references.</summary>
public static partial class CamtParser
{
    private static IEnumerable<BankFileLine> Entry(XElement entry, int entryNo, int line, string? accountCurrency, string? madeAt)
    {
        var where = $"Ntry {entryNo} (line {line})";
        var status = Text(Child(entry, "Sts"), "Cd") ?? Text(entry, "Sts");
        if (status is "PDNG" or "INFO") yield break; // not booked: nothing has moved yet

        var amountElement = Child(entry, "Amt") ?? throw new BankFileException([$"{where}: <Amt> is missing"]);
        var (amount, currency) = Amount(amountElement, where, accountCurrency);
        if (amount == 0) yield break; // nothing moved
        var direction = Text(entry, "CdtDbtInd");
        if (direction is not ("CRDT" or "DBIT")) throw new BankFileException([$"{where}: <CdtDbtInd> must be CRDT or DBIT, not '{direction}'"]);
        var value = Date(Child(entry, "ValDt"), where, "ValDt");
        // BookgDt is optional in the schema; an entry without it (seen in camt.054 notifications) moved on its value date, and an
        // intraday report or notification that gives neither was made as the money moved, so its own creation date is the entry's.
        // A statement (camt.053) may be made days later: there, an entry without a date is refused.
        var booking = Date(Child(entry, "BookgDt"), where, "BookgDt") ?? value ?? (madeAt is { Length: > 0 } at ? (DateOnly?)ParseDate(at, where, "CreDtTm") : null)
            ?? throw new BankFileException([$"{where}: neither <BookgDt> nor <ValDt> gives the entry's date"]);
        var reference = Text(entry, "AcctSvcrRef") ?? Text(entry, "NtryRef");
        var code = TransactionCode(Child(entry, "BkTxCd"));
        var entryInfo = Text(entry, "AddtlNtryInf");
        var details = Descendants(entry, "TxDtls").ToList();

        // Several payments booked as one entry (a batch) become one line each, but only when the details'
        // own amounts, in the entry's currency, add up to the entry: otherwise they are not its parts.
        var split = details.Count > 1 && details.All(d => DetailAmount(d) is { } a && (a.Attribute("Ccy")?.Value ?? currency) == currency)
            && details.Sum(d => BankAmounts.TryParseDecimal(DetailAmount(d)!.Value, Domain.Currency.Parse(currency), out var m, out _) ? m : -1m) == amount;
        if (split)
        {
            var n = 0;
            foreach (var detail in details)
            {
                n++;
                var detailWhere = $"{where} TxDtls {n}";
                var (detailAmount, detailCurrency) = Amount(DetailAmount(detail)!, detailWhere, currency);
                var refs = Child(detail, "Refs");
                yield return Line(detail, Text(refs, "AcctSvcrRef") ?? (reference is null ? null : $"{reference}-{n}"), booking, value, detailAmount, detailCurrency,
                    direction == "CRDT", TransactionCode(Child(detail, "BkTxCd")) ?? code, entryInfo, detailWhere);
            }
            yield break;
        }
        yield return Line(details.FirstOrDefault(), reference, booking, value, amount, currency, direction == "CRDT", code, entryInfo, where);
    }

    private static BankFileLine Line(XElement? detail, string? reference, DateOnly booking, DateOnly? value, long amount, string currency, bool credit,
        string? code, string? entryInfo, string where)
    {
        // The other party: who paid us on a credit, whom we paid on a debit (v8+ nests names in <Pty>).
        var parties = Child(detail, "RltdPties");
        var party = Child(parties, credit ? "Dbtr" : "Cdtr");
        var name = Text(party, "Nm") ?? Text(Child(party, "Pty"), "Nm") ?? Text(Child(parties, credit ? "UltmtDbtr" : "UltmtCdtr"), "Nm");
        var partyAccount = Child(Child(parties, credit ? "DbtrAcct" : "CdtrAcct"), "Id");
        var remittance = Child(detail, "RmtInf");
        var unstructured = remittance?.Elements().Where(e => e.Name.LocalName == "Ustrd").Select(e => e.Value.Trim()) ?? [];
        var structured = Descendants(remittance, "Strd")
            .SelectMany(s => Descendants(s, "Ref").Concat(Descendants(s, "Nb")).Select(e => e.Value.Trim())).ToList();
        var refs = Child(detail, "Refs");
        var endToEnd = Text(refs, "EndToEndId");
        var references = structured
            .Concat(endToEnd is null or "NOTPROVIDED" ? [] : [endToEnd])
            .Where(r => r.Length > 0).Distinct().ToList();
        var text = string.Join(" ", unstructured.Append(Text(detail, "AddtlTxInf") ?? "").Append(entryInfo ?? "").Where(t => t.Length > 0));
        return new BankFileLine
        {
            BankReference = reference ?? Text(refs, "AcctSvcrRef") ?? Text(refs, "TxId") ?? Text(refs, "UETR") ?? $"camt-{where}",
            BookingDate = booking,
            ValueDate = value,
            AmountMinor = amount,
            CurrencyCode = currency,
            IsCredit = credit,
            PayerName = name,
            PayerAccount = Text(partyAccount, "IBAN") ?? Text(Child(partyAccount, "Othr"), "Id"),
            RemittanceText = text,
            References = references,
            BankTransactionCode = code,
            Location = where,
        };
    }

    private static XElement? DetailAmount(XElement detail) =>
        Child(detail, "Amt") ?? Child(Child(Child(detail, "AmtDtls"), "TxAmt"), "Amt") ?? Child(Child(Child(detail, "AmtDtls"), "InstdAmt"), "Amt");

    private static (long Minor, string Currency) Amount(XElement amount, string where, string? fallbackCurrency)
    {
        var code = amount.Attribute("Ccy")?.Value ?? fallbackCurrency;
        if (!BankAmounts.TryCurrency(code, out var currency, out var currencyProblem)) throw new BankFileException([$"{where}: <Amt>: {currencyProblem}"]);
        if (!BankAmounts.TryParseDecimal(amount.Value, currency, out var minor, out var problem) || minor < 0)
            throw new BankFileException([$"{where}: <Amt>: {problem ?? $"'{amount.Value}' is negative"}"]);
        return (minor, currency.Code);
    }

    private static DateOnly? Date(XElement? container, string where, string name)
    {
        if (container is null) return null;
        var text = Text(container, "Dt") ?? Text(container, "DtTm");
        return text is null ? null : ParseDate(text, where, name);
    }

    private static DateOnly ParseDate(string text, string where, string name)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        // The date as the bank wrote it, in its own offset, whatever this machine's time zone.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at)) return DateOnly.FromDateTime(at.DateTime);
        throw new BankFileException([$"{where}: <{name}>: '{text}' is not a date"]);
    }

    private static string? TransactionCode(XElement? code)
    {
        if (code is null) return null;
        var domain = Child(code, "Domn");
        var family = Child(domain, "Fmly");
        if (domain is not null && Text(domain, "Cd") is { } d)
            return string.Join("-", new[] { d, Text(family, "Cd"), Text(family, "SubFmlyCd") }.Where(x => x is not null));
        return Text(Child(code, "Prtry"), "Cd");
    }

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Descendants(XElement? parent, string name) => parent?.Descendants().Where(e => e.Name.LocalName == name) ?? [];

    private static string? Text(XElement? parent, string name) => Child(parent, name)?.Value.Trim() is { Length: > 0 } v ? v : null;
}
