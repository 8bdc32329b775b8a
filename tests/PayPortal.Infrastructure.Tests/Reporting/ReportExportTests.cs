using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.Tests.Reporting;

public class ReportExportTests
{
    private static ReportTable Sample()
    {
        var table = new ReportTable("Aging 2026-05-01", [new("customer", "Customer"), new("due", "Due", CellKind.Date), new("open", "Open", CellKind.Amount), new("count", "Invoices", CellKind.Integer)]);
        table.Add("Alpha, \"the\" best", new DateOnly(2026, 1, 31), 600.00m, 2);
        table.Add("=HYPERLINK(\"http://evil\")", null, -12.5m, 0);
        return table;
    }

    [Fact]
    public async Task Csv_quotes_what_needs_quoting_keeps_decimals_and_defuses_formulas()
    {
        var text = System.Text.Encoding.UTF8.GetString(await CsvExport.ToBytesAsync(Sample()));

        Assert.Equal("customer,due,open,count\r\n\"Alpha, \"\"the\"\" best\",2026-01-31,600.00,2\r\n\"'=HYPERLINK(\"\"http://evil\"\")\",,-12.5,0\r\n", text);
    }

    [Fact]
    public void Xlsx_is_a_workbook_whose_sheet_holds_the_header_and_typed_cells()
    {
        using var zip = new ZipArchive(new MemoryStream(XlsxExport.ToBytes(Sample())));
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.Contains("name=\"Aging 2026-05-01\"", new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd());
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cells = sheet.Descendants(ns + "c").ToDictionary(c => (string)c.Attribute("r")!);

        Assert.Equal("Customer", cells["A1"].Value);
        Assert.Equal("Alpha, \"the\" best", cells["A2"].Value);
        Assert.Equal("inlineStr", (string?)cells["A3"].Attribute("t")); // text, never a formula
        Assert.Equal("46053", cells["B2"].Value); // 2026-01-31 as a spreadsheet serial date
        Assert.Equal("600.00", cells["C2"].Value);
        Assert.Null(cells["C2"].Attribute("t")); // a number
        Assert.False(cells.ContainsKey("B3")); // an empty cell is left out
    }

    [Fact]
    public void Xlsx_passes_the_open_xml_validator_and_reads_back_as_written()
    {
        var table = new ReportTable("KPIs: DSO / CEI [2026]? and a title longer than 31 characters",
            [new("name", "Name"), new("on", "On", CellKind.Date), new("amount", "Amount", CellKind.Amount), new("pct", "Share", CellKind.Percent), new("n", "Count", CellKind.Integer)]);
        table.Add("Alpha æøå  ", new DateOnly(2026, 1, 31), 1234.56m, 12.5m, 3L);
        table.Add("=SUM(A1:A2)", null, -0.01m, null, 0);

        using var document = SpreadsheetDocument.Open(new MemoryStream(XlsxExport.ToBytes(table)), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));

        var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("KPIs  DSO   CEI  2026   and a t", sheet.Name!.Value); // 31 characters, none of : \ / ? * [ ]
        var rows = document.WorkbookPart.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal([1u, 2u, 3u], rows.Select(r => r.RowIndex!.Value));
        var cells = rows.SelectMany(r => r.Elements<Cell>()).ToDictionary(c => c.CellReference!.Value!);
        string Text(string at) => cells[at].InlineString!.InnerText;

        Assert.Equal(["Name", "On", "Amount", "Share", "Count"], rows[0].Elements<Cell>().Select(c => c.InlineString!.InnerText));
        Assert.All(rows[0].Elements<Cell>(), c => Assert.Equal(1u, c.StyleIndex!.Value)); // bold header
        Assert.Equal("Alpha æøå  ", Text("A2")); // control character dropped, spaces kept
        Assert.Equal("=SUM(A1:A2)", Text("A3"));
        Assert.Null(cells["A3"].CellFormula); // text, never a formula
        Assert.Equal(("46053", 3u), (cells["B2"].CellValue!.Text, cells["B2"].StyleIndex!.Value));
        Assert.Equal(("1234.56", 2u, (object?)null), (cells["C2"].CellValue!.Text, cells["C2"].StyleIndex!.Value, (object?)cells["C2"].DataType));
        Assert.Equal("-0.01", cells["C3"].CellValue!.Text);
        Assert.Equal(("12.5", 4u), (cells["D2"].CellValue!.Text, cells["D2"].StyleIndex!.Value));
        Assert.Equal(("3", "0"), (cells["E2"].CellValue!.Text, cells["E3"].CellValue!.Text));
        Assert.False(cells.ContainsKey("B3") || cells.ContainsKey("D3")); // empty cells are left out
        var pane = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Pane>().Single();
        Assert.Equal(("A2", PaneStateValues.Frozen), (pane.TopLeftCell!.Value, pane.State!.Value));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_names_run_like_a_spreadsheets(int index, string name) => Assert.Equal(name, XlsxExport.ColumnName(index));
}
