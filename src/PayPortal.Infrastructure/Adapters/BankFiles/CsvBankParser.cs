using System.Globalization;
using System.Text;
using PayPortal.Infrastructure.Imports;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>
/// Which CSV column holds what, for one bank account's export. Either one signed <see cref="Amount"/>
/// column, or separate <see cref="Credit"/> and <see cref="Debit"/> columns. Names compare without case.
/// </summary>
public sealed class CsvBankMapping
{
    public string Date { get; set; } = "date";
    public string DateFormat { get; set; } = "yyyy-MM-dd";
    public string? Amount { get; set; } = "amount";
    public string? Credit { get; set; }
    public string? Debit { get; set; }
    /// <summary>"." or ","; the other one, and spaces, are read as thousands separators.</summary>
    public string DecimalSeparator { get; set; } = ".";
    public string? Currency { get; set; } = "currency";
    /// <summary>Used when the file has no currency column.</summary>
    public string DefaultCurrency { get; set; } = "USD";
    public string Reference { get; set; } = "reference";
    public string? PayerName { get; set; } = "payer";
    public string? PayerAccount { get; set; } = "payer_account";
    public string? Text { get; set; } = "text";
    /// <summary>The column naming the bank account, used to pick its saved mapping.</summary>
    public string? Account { get; set; } = "account";
}

/// <summary>Bank statements as CSV, read with the column mapping saved for their account (or the default one).</summary>
public static class CsvBankParser
{
    /// <param name="mappings">Saved mappings by bank account; the default mapping reads the account column to choose one.</param>
    public static BankFile Parse(Stream stream, IReadOnlyDictionary<string, CsvBankMapping> mappings)
    {
        // Read a record at a time: only the lines found are kept, never the file's text.
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        using var records = CsvParser.Parse(reader).GetEnumerator();
        var headerRecord = Next(records);
        var first = headerRecord is null ? null : Next(records);
        if (headerRecord is null || first is null) throw new BankFileException(["the file has no header row and lines"]);
        var header = headerRecord.Fields.Select(h => h.Trim()).ToList();
        int Column(string? name) => name is null ? -1 : header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

        var mapping = new CsvBankMapping();
        var accountColumn = Column(mapping.Account);
        var account = accountColumn >= 0 && first.Fields.Length > accountColumn ? first.Fields[accountColumn].Trim() : null;
        if (account is not null && mappings.TryGetValue(account, out var saved)) mapping = saved;
        else if (mappings.TryGetValue("*", out var fallback)) mapping = fallback;

        var problems = new List<string>();
        var (date, reference) = (Column(mapping.Date), Column(mapping.Reference));
        var (amount, credit, debit) = (Column(mapping.Amount), Column(mapping.Credit), Column(mapping.Debit));
        if (date < 0) problems.Add($"line 1: no '{mapping.Date}' column");
        if (reference < 0) problems.Add($"line 1: no '{mapping.Reference}' column");
        if (amount < 0 && (credit < 0 || debit < 0)) problems.Add($"line 1: no '{mapping.Amount}' column (or '{mapping.Credit}' and '{mapping.Debit}')");
        if (problems.Count > 0) throw new BankFileException(problems);
        var (currencyColumn, payer, payerAccount, text) = (Column(mapping.Currency), Column(mapping.PayerName), Column(mapping.PayerAccount), Column(mapping.Text));

        var lines = new List<BankFileLine>();
        for (var record = first; record is not null; record = Next(records))
        {
            string Field(int index) => index >= 0 && index < record.Fields.Length ? record.Fields[index].Trim() : "";
            var where = $"line {record.Line}";
            if (record.Fields.All(f => f.Trim().Length == 0)) continue;
            if (!DateOnly.TryParseExact(Field(date), mapping.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var booked))
            {
                problems.Add($"{where}, field '{header[date]}': '{Field(date)}' is not a date like {mapping.DateFormat}");
                continue;
            }
            var currencyCode = currencyColumn >= 0 && Field(currencyColumn).Length > 0 ? Field(currencyColumn) : mapping.DefaultCurrency;
            if (!BankAmounts.TryCurrency(currencyCode, out var currency, out var currencyProblem))
            {
                problems.Add($"{where}, field '{(currencyColumn >= 0 ? header[currencyColumn] : "currency")}': {currencyProblem}");
                continue;
            }
            long minor;
            bool isCredit;
            string? amountProblem;
            if (amount >= 0)
            {
                var raw = Decimal(Field(amount), mapping.DecimalSeparator);
                var negative = raw.StartsWith('-');
                isCredit = !negative;
                if (!BankAmounts.TryParseDecimal(negative ? raw[1..] : raw.TrimStart('+'), currency, out minor, out amountProblem))
                {
                    problems.Add($"{where}, field '{header[amount]}': {amountProblem}");
                    continue;
                }
            }
            else
            {
                var (creditText, debitText) = (Decimal(Field(credit), mapping.DecimalSeparator), Decimal(Field(debit), mapping.DecimalSeparator));
                isCredit = creditText.Length > 0;
                var column = isCredit ? credit : debit;
                if (creditText.Length > 0 == debitText.Length > 0)
                {
                    problems.Add($"{where}: exactly one of '{header[credit]}' and '{header[debit]}' must have an amount");
                    continue;
                }
                if (!BankAmounts.TryParseDecimal(isCredit ? creditText : debitText, currency, out minor, out amountProblem))
                {
                    problems.Add($"{where}, field '{header[column]}': {amountProblem}");
                    continue;
                }
            }
            if (minor == 0) continue;
            if (Field(reference).Length == 0)
            {
                problems.Add($"{where}, field '{header[reference]}': the bank reference is empty");
                continue;
            }
            lines.Add(new BankFileLine
            {
                BankReference = Field(reference), BookingDate = booked, AmountMinor = minor, CurrencyCode = currency.Code, IsCredit = isCredit,
                PayerName = Field(payer) is { Length: > 0 } p ? p : null, PayerAccount = Field(payerAccount) is { Length: > 0 } a ? a : null,
                RemittanceText = Field(text), Location = where,
            });
        }
        if (problems.Count > 0) throw new BankFileException(problems);
        return new BankFile("CSV", $"CSV {account ?? ""} {lines.FirstOrDefault()?.BookingDate:yyyy-MM-dd}".Trim(), account, lines).WithUniqueReferences();
    }

    private static CsvParser.Record? Next(IEnumerator<CsvParser.Record> records)
    {
        try
        {
            return records.MoveNext() ? records.Current : null;
        }
        catch (CsvParser.MalformedCsvException ex)
        {
            throw new BankFileException([$"line {ex.Line}: {ex.Message}"]);
        }
        catch (DecoderFallbackException)
        {
            throw new BankFileException(["the file is not UTF-8 text"]);
        }
    }

    private static string Decimal(string text, string separator)
    {
        var thousands = separator == "," ? "." : ",";
        var s = text.Replace(" ", "").Replace("\u00a0", "").Replace(thousands, "");
        return separator == "," ? s.Replace(',', '.') : s;
    }
}
