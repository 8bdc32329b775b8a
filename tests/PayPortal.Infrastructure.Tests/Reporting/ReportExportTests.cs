using System.IO.Compression;
using System.Xml.Linq;
using PayPortal.Infrastructure.Reporting.Exports;

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

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_names_run_like_a_spreadsheets(int index, string name) => Assert.Equal(name, XlsxExport.ColumnName(index));
}
