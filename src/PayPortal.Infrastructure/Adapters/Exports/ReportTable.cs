namespace PayPortal.Infrastructure.Adapters.Exports;

public enum CellKind { Text, Integer, Amount, Date, Percent }

/// <summary>A column: its machine name (CSV header), its title (spreadsheet header) and how its cells are written.</summary>
public sealed record ReportColumn(string Key, string Title, CellKind Kind = CellKind.Text);

/// <summary>
/// A report as rows of typed cells, written to CSV or .xlsx by <see cref="CsvExport"/> and <see cref="XlsxExport"/>.
/// Cells: text as string, integers as long or int, amounts as decimal major units, dates as DateOnly, percents as decimal.
/// </summary>
public sealed class ReportTable(string title, IReadOnlyList<ReportColumn> columns)
{
    private readonly List<object?[]> _rows = [];

    public string Title { get; } = title;
    public IReadOnlyList<ReportColumn> Columns { get; } = columns;
    public IReadOnlyList<object?[]> Rows => _rows;

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"A row of '{Title}' has {Columns.Count} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }
}
