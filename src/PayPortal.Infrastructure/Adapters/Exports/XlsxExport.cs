using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PayPortal.Infrastructure.Adapters.Exports;

/// <summary>
/// A one-sheet Office Open XML workbook (.xlsx): a bold, frozen header row, amounts with two decimals,
/// real dates, text as inline strings (never formulas). Written with DocumentFormat.OpenXml; the sheet's
/// rows are streamed with <see cref="OpenXmlWriter"/>, so a large report is never held as a document tree.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell style indexes into the cellXfs of Styles() below.
    private const uint Header = 1, Amount = 2, Date = 3, Percent = 4;

    public static byte[] ToBytes(ReportTable table)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
                WriteSheet(writer, table);
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = SheetName(table.Title), SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }
        return buffer.ToArray();
    }

    private static void WriteSheet(OpenXmlWriter writer, ReportTable table)
    {
        writer.WriteStartElement(new Worksheet());
        // The header stays in view while scrolling.
        writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, table.Columns.Select(c => (object?)c.Title).ToArray(), table.Columns, header: true);
        var r = 2u;
        foreach (var row in table.Rows) WriteRow(writer, r++, row, table.Columns, header: false);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowNumber, object?[] cells, IReadOnlyList<ReportColumn> columns, bool header)
    {
        writer.WriteStartElement(new Row { RowIndex = rowNumber });
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] is not { } value) continue;
            var cell = new Cell { CellReference = ColumnName(c) + rowNumber.ToString(CultureInfo.InvariantCulture) };
            var style = header ? Header : columns[c].Kind switch { CellKind.Amount => Amount, CellKind.Date => Date, CellKind.Percent => Percent, _ => 0u };
            if (style != 0) cell.StyleIndex = style;
            switch (value)
            {
                case DateOnly date:
                    // Spreadsheet dates are days since 1899-12-30.
                    cell.CellValue = new CellValue((date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture));
                    break;
                case string text:
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
                    break;
                case IFormattable number:
                    cell.CellValue = new CellValue(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"A cell of type {value.GetType().Name} cannot be written to a spreadsheet.");
            }
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\\-mm\\-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 4, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 5 });

    /// <summary>A, B, ..., Z, AA, AB, ...</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string title)
    {
        var clean = new string(title.Select(ch => ":\\/?*[]".Contains(ch) ? ' ' : ch).ToArray()).Trim();
        return clean.Length == 0 ? "Report" : clean[..Math.Min(31, clean.Length)];
    }

    // Characters XML 1.0 cannot hold (control characters other than tab and line breaks) are dropped.
    private static string XmlSafe(string text) => text.Any(ch => char.IsControl(ch) && ch is not '\t' and not '\n' and not '\r')
        ? new string(text.Where(ch => !char.IsControl(ch) || ch is '\t' or '\n' or '\r').ToArray()) : text;
}
