using System.Globalization;
using System.Text;

namespace PayPortal.Infrastructure.Imports;

/// <summary>One data row of a CSV file: its 1-based line number and its fields by column name.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, string> fields)
{
    public int Line { get; } = line;
    public string this[string column] => fields[column].Trim();

    /// <summary>Fields holding line breaks or other control characters (allowed by CSV quoting, never in a name or number).</summary>
    public IEnumerable<string> FieldsWithControlCharacters() => fields.Where(f => f.Value.Any(char.IsControl)).Select(f => f.Key);
}

/// <summary>
/// Reads a comma-separated UTF-8 file with a header row naming exactly the expected columns (in any
/// order). Quoting follows RFC 4180. Structural problems come back as errors with their line numbers.
/// </summary>
public static class CsvFile
{
    public static (List<CsvRow> Rows, List<ImportError> Errors) Read(Stream stream, IReadOnlyList<string> columns)
    {
        var rows = new List<CsvRow>();
        var errors = new List<ImportError>();
        // Decoded up front and strictly, so a byte that is not UTF-8 is reported on its own line.
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + bytes[..Math.Clamp(ex.Index, 0, bytes.Length)].Count((byte)'\n');
            errors.Add(new ImportError(line, null, "is not valid UTF-8 text (save the file as UTF-8)"));
            return (rows, errors);
        }
        using var reader = new StringReader(text);
        string[]? header = null;
        try
        {
            foreach (var record in CsvParser.Parse(reader))
            {
                if (record.Fields is [var only] && string.IsNullOrWhiteSpace(only)) continue; // blank line
                if (header is null)
                {
                    header = record.Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
                    var missing = columns.Where(c => !header.Contains(c)).ToList();
                    var unknown = header.Where(h => !columns.Contains(h)).ToList();
                    var repeated = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                    if (missing.Count > 0) errors.Add(new ImportError(record.Line, null, $"the header lacks column(s) {string.Join(", ", missing)}; expected: {string.Join(',', columns)}"));
                    if (unknown.Count > 0) errors.Add(new ImportError(record.Line, null, $"the header has unknown column(s) {string.Join(", ", unknown)}; expected: {string.Join(',', columns)}"));
                    if (repeated.Count > 0) errors.Add(new ImportError(record.Line, null, $"the header repeats column(s) {string.Join(", ", repeated)}"));
                    if (errors.Count > 0) return (rows, errors);
                    continue;
                }
                if (record.Fields.Length != header.Length)
                {
                    errors.Add(new ImportError(record.Line, null, $"has {record.Fields.Length} fields, expected {header.Length}"));
                    continue;
                }
                rows.Add(new CsvRow(record.Line, header.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second)));
            }
        }
        catch (CsvParser.MalformedCsvException ex)
        {
            errors.Add(new ImportError(ex.Line, null, ex.Message));
        }
        if (header is null && errors.Count == 0) errors.Add(new ImportError(1, null, $"the file is empty; expected a header row: {string.Join(',', columns)}"));
        else if (rows.Count == 0 && errors.Count == 0) errors.Add(new ImportError(2, null, "the file has a header but no rows"));
        return (rows, errors);
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
