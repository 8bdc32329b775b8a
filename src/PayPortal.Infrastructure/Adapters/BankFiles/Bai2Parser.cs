using System.Globalization;
using System.Text;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>
/// BAI2 (Cash Management Balance Reporting, version 2) read strictly: every account, group and file
/// trailer's control total and record count must agree with the records, so a truncated or altered
/// file is refused, naming the line. Amounts are in minor units of the group's (or account's) currency.
/// Type codes 100-399 are credits, 400-699 debits (BAI's ranges; 900-919 credits, 920-999 debits).
/// </summary>
public static partial class Bai2Parser
{
    private sealed record Record(int LineNo, string Type, List<string> Fields, string Raw);

    public static bool LooksLikeBai2(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == (byte)'0' && head[1] == (byte)'1' && head[2] == (byte)',';

    /// <summary>Reads the file a record at a time, holding only the record being read and its 88 continuations.</summary>
    public static BankFile Parse(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        using var physical = Records(reader).GetEnumerator();
        var next = physical.MoveNext() ? physical.Current : null;
        if (next is null) throw new BankFileException(["the file is empty"]);
        if (next.Type != "01") throw new BankFileException([$"line {next.LineNo}: a BAI2 file starts with a 01 file header"]);

        var lines = new List<BankFileLine>();
        string? groupCurrency = null;
        DateOnly groupDate = default;
        string? account = null, accountCurrency = null, firstAccount = null;
        long accountTotal = 0, groupTotal = 0, fileTotal = 0;
        int accountRecords = 0, groupRecords = 0, groupAccounts = 0, fileGroups = 0, fileRecords = 0;
        string? fileId = null;
        Record? trailer = null;
        var lastLine = next.LineNo;

        while (next is not null)
        {
            var record = next;
            if (trailer is not null) throw new BankFileException([$"line {record.LineNo}: the file goes on after its 99 file trailer (line {trailer.LineNo})"]);
            // A record and its 88 continuations are one logical record.
            var continuations = new List<Record>();
            next = null;
            while (physical.MoveNext())
            {
                if (physical.Current.Type != "88")
                {
                    next = physical.Current;
                    break;
                }
                continuations.Add(physical.Current);
            }
            var count = 1 + continuations.Count;
            accountRecords += count;
            groupRecords += count;
            fileRecords += count;
            lastLine = (continuations.Count > 0 ? continuations[^1] : record).LineNo;
            var fields = Fields(record.Raw);
            string Where() => $"line {record.LineNo}";

            switch (record.Type)
            {
                case "01":
                    // Sender, creation date and file id together name the file (the id alone repeats daily).
                    fileId = $"{Field(fields, 1)}-{Field(fields, 3)}-{Field(fields, 5)}";
                    groupRecords = 0;
                    break;
                case "02":
                    groupRecords = count;
                    groupAccounts = 0;
                    groupTotal = 0;
                    groupCurrency = Field(fields, 6) is { Length: > 0 } c ? c : "USD"; // BAI2: no currency means the receiver's, USD for US banks
                    groupDate = ParseDate(Field(fields, 4), Where(), "as-of date");
                    break;
                case "03":
                    accountRecords = count;
                    accountTotal = 0;
                    account = Field(fields, 1);
                    firstAccount ??= account;
                    accountCurrency = Field(fields, 2) is { Length: > 0 } ac ? ac : groupCurrency;
                    groupAccounts++;
                    // Summary fields: (type, amount, count, funds type [+ funds detail]) repeated, continued on 88s.
                    // A field may continue on the next 88 ("...,190/" then "88,500000,..."), so the lists are joined.
                    accountTotal = Add(accountTotal, SummaryTotal(fields.Skip(3).Concat(continuations.SelectMany(c => Fields(c.Raw).Skip(1))).ToList(), Where()), Where());
                    break;
                case "16":
                    var (line, amount) = Detail(record, fields, continuations, accountCurrency ?? groupCurrency, groupDate);
                    accountTotal = Add(accountTotal, amount, Where());
                    if (line is not null) lines.Add(line);
                    break;
                case "49":
                    Check(Field(fields, 1), accountTotal, $"{Where()}: account {account} control total");
                    CheckCount(Field(fields, 2), accountRecords, $"{Where()}: account {account} record count");
                    groupTotal = Add(groupTotal, accountTotal, Where());
                    break;
                case "98":
                    Check(Field(fields, 1), groupTotal, $"{Where()}: group control total");
                    CheckCount(Field(fields, 2), groupAccounts, $"{Where()}: group number of accounts");
                    CheckCount(Field(fields, 3), groupRecords, $"{Where()}: group record count");
                    fileTotal = Add(fileTotal, groupTotal, Where());
                    fileGroups++;
                    break;
                case "99":
                    Check(Field(fields, 1), fileTotal, $"{Where()}: file control total");
                    CheckCount(Field(fields, 2), fileGroups, $"{Where()}: file number of groups");
                    CheckCount(Field(fields, 3), fileRecords, $"{Where()}: file record count");
                    trailer = record;
                    break;
                case "88":
                    throw new BankFileException([$"{Where()}: an 88 continuation must follow the record it continues"]);
            }
        }
        if (trailer is null) throw new BankFileException([$"line {lastLine}: the file does not end with a 99 file trailer (truncated?)"]);
        return new BankFile("BAI2", fileId ?? "BAI2", firstAccount, lines).WithUniqueReferences();
    }

    private static long Add(long total, long amount, string where)
    {
        try
        {
            return checked(total + amount);
        }
        catch (OverflowException)
        {
            throw new BankFileException([$"{where}: the amounts add up to more than PayPortal can count"]);
        }
    }

    private static (BankFileLine? Line, long SignedForTotal) Detail(Record record, List<string> fields, List<Record> continuations, string? currencyCode, DateOnly asOf)
    {
        var where = $"line {record.LineNo}";
        var typeText = Field(fields, 1);
        if (!int.TryParse(typeText, NumberStyles.None, CultureInfo.InvariantCulture, out var type)) throw new BankFileException([$"{where}: type code '{typeText}' is not a number"]);
        var amount = ParseAmount(Field(fields, 2), where);
        if (amount < 0) throw new BankFileException([$"{where}: a detail amount is never negative (the type code gives the direction), not '{Field(fields, 2)}'"]);
        var position = 3;
        var funds = Field(fields, position++);
        position += funds switch
        {
            "V" => 2,
            "S" => 3,
            "D" => 1 + 2 * DistributionCount(fields, position),
            _ => 0,
        };
        var bankReference = Field(fields, position++);
        var customerReference = Field(fields, position++);
        // The text is the rest of the record (it may contain commas), continued on 88s.
        var text = string.Join(",", fields.Skip(position));
        var segments = new[] { TrimSlash(text) }.Concat(continuations.Select(c => c.Raw.Length > 3 ? TrimSlash(c.Raw[3..]) : ""))
            .Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        var fullText = string.Join(" ", segments);
        if (!BankAmounts.TryCurrency(currencyCode, out var currency, out var problem)) throw new BankFileException([$"{where}: {problem}"]);

        bool? credit = type switch
        {
            >= 100 and <= 399 or >= 900 and <= 919 => true,
            >= 400 and <= 699 or >= 920 and <= 999 => false,
            _ => null,
        };
        if (credit is null) return (null, amount); // a status or summary code in a detail: counted, not a movement
        return (new BankFileLine
        {
            BankReference = bankReference is { Length: > 0 } ? bankReference : $"BAI2-line-{record.LineNo}",
            BookingDate = asOf,
            AmountMinor = amount,
            CurrencyCode = currency.Code,
            IsCredit = credit.Value,
            RemittanceText = fullText,
            References = customerReference is { Length: > 0 } ? [customerReference] : [],
            BankTransactionCode = typeText,
            PayerName = segments.Select(PayerName).FirstOrDefault(n => n is not null),
            Location = where,
        }, amount);
    }

    /// <summary>
    /// Payer names as US banks write them in wire and ACH text ("ORG:=ACME INC", "ORIG CO NAME:ACME CORP ORIG ID:1"):
    /// the value after the label, up to the next label, within one record (each 88 line is its own segment).
    /// </summary>
    private static string? PayerName(string segment) =>
        PayerLabel().Match(segment) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:ORG|ORIG CO NAME|ORIGINATOR|OB|SENDER|BY ORDER OF)\s?:=?\s*(.+?)(?=\s+[A-Z]{2,}(?: [A-Z]{2,})?\s?:|$)")]
    private static partial System.Text.RegularExpressions.Regex PayerLabel();

    private static long SummaryTotal(List<string> summary, string where)
    {
        long total = 0;
        var i = 0;
        while (i < summary.Count)
        {
            if (summary[i].Length == 0)
            {
                i++; // an empty field before a record's closing "/" (",/"): no summary starts here
                continue;
            }
            var amount = Field(summary, i + 1);
            if (amount.Length > 0) total = Add(total, ParseAmount(amount, where), where);
            var funds = Field(summary, i + 3);
            i += 4 + funds switch
            {
                "V" => 2,
                "S" => 3,
                "D" => 1 + 2 * DistributionCount(summary, i + 4),
                _ => 0,
            };
        }
        return total;
    }

    private static List<string> Fields(string raw) => TrimSlash(raw).Split(',').ToList();

    private static string TrimSlash(string text)
    {
        var t = text.TrimEnd();
        return t.EndsWith('/') ? t[..^1] : t;
    }

    private static string Field(List<string> fields, int index) => index >= 0 && index < fields.Count ? fields[index].Trim() : "";

    /// <summary>How many (days, amount) pairs a "D" funds type says follow, never more than the record has.</summary>
    private static int DistributionCount(List<string> fields, int index) =>
        int.TryParse(Field(fields, index), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, fields.Count) : 0;

    private static long ParseAmount(string text, string where)
    {
        if (text.Length == 0) return 0;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new BankFileException([$"{where}: amount '{text}' is not a whole number of minor units"]);
        return value;
    }

    private static DateOnly ParseDate(string text, string where, string what) =>
        DateOnly.TryParseExact(text, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BankFileException([$"{where}: {what} '{text}' is not a YYMMDD date"]);

    private static void Check(string stated, long computed, string what)
    {
        if (stated.Length == 0) return; // some banks leave control totals blank; nothing to check
        var value = ParseAmount(stated, what);
        if (value != computed) throw new BankFileException([$"{what} is {value}, but the records add up to {computed}"]);
    }

    private static void CheckCount(string stated, int computed, string what)
    {
        if (!int.TryParse(stated, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new BankFileException([$"{what} is missing or not a number ('{stated}')"]);
        if (value != computed) throw new BankFileException([$"{what} is {value}, but there are {computed}"]);
    }
}
