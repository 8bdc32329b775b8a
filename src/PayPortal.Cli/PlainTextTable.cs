using System.Globalization;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Cli;

/// <summary>A report as aligned columns for a terminal: text left, numbers right, thousands separated.</summary>
internal static class PlainTextTable
{
    public static async Task WriteAsync(ReportTable table, TextWriter writer)
    {
        var cells = new List<string[]> { table.Columns.Select(c => c.Key).ToArray() };
        cells.AddRange(table.Rows.Select(row => row.Select((value, i) => Text(value, table.Columns[i].Kind)).ToArray()));
        var widths = table.Columns.Select((_, i) => cells.Max(r => r[i].Length)).ToArray();
        foreach (var row in cells)
        {
            var parts = row.Select((text, i) => table.Columns[i].Kind is CellKind.Text or CellKind.Date ? text.PadRight(widths[i]) : text.PadLeft(widths[i]));
            await writer.WriteLineAsync(string.Join("  ", parts).TrimEnd());
        }
    }

    private static string Text(object? value, CellKind kind) => value switch
    {
        null => "",
        decimal amount when kind == CellKind.Amount => amount.ToString("#,##0." + new string('0', Math.Max(0, (int)amount.Scale)), CultureInfo.InvariantCulture).TrimEnd('.'),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
