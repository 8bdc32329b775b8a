using System.Globalization;
using System.Text;

namespace PayPortal.Infrastructure.Adapters.Exports;

/// <summary>RFC 4180 CSV with the columns' machine names as header, invariant numbers and ISO dates.</summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task WriteAsync(ReportTable table, TextWriter writer, CancellationToken ct = default)
    {
        await writer.WriteLineAsync(string.Join(',', table.Columns.Select(c => Field(c.Key))));
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', row.Select(Cell)));
        }
    }

    public static async Task<byte[]> ToBytesAsync(ReportTable table, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" })
            await WriteAsync(table, writer, ct);
        return buffer.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string text => Field(Defused(text)),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Field(Defused(value.ToString() ?? "")),
    };

    /// <summary>Quotes a field when it holds a separator, a quote or a line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    // A customer name such as "=HYPERLINK(...)" must not become a formula when the file is opened in a spreadsheet.
    private static string Defused(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
