using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace PayPortal.Infrastructure.Reporting.Exports;

/// <summary>
/// A one-sheet Office Open XML workbook (.xlsx): a bold header row, amounts with two decimals, real dates,
/// text as inline strings (never formulas). Written by hand with ZipArchive: no spreadsheet library needed.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell style indexes into styles.xml below.
    private const int Header = 1, Amount = 2, Date = 3, Percent = 4;

    public static byte[] ToBytes(ReportTable table)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            Part(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement(SheetName(table.Title))}" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(zip, "xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
                """);
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            WriteSheet(table, sheet);
        }
        return buffer.ToArray();
    }

    private static void WriteSheet(ReportTable table, Stream stream)
    {
        const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", ns);
        xml.WriteStartElement("sheetViews", ns);
        xml.WriteStartElement("sheetView", ns);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", ns); // the header stays in view while scrolling
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheetData", ns);
        WriteRow(xml, ns, 1, table.Columns.Select(c => (object?)c.Title).ToArray(), table.Columns, header: true);
        var r = 2;
        foreach (var row in table.Rows) WriteRow(xml, ns, r++, row, table.Columns, header: false);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteRow(XmlWriter xml, string ns, int rowNumber, object?[] cells, IReadOnlyList<ReportColumn> columns, bool header)
    {
        xml.WriteStartElement("row", ns);
        xml.WriteAttributeString("r", rowNumber.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] is not { } value) continue;
            xml.WriteStartElement("c", ns);
            xml.WriteAttributeString("r", ColumnName(c) + rowNumber.ToString(CultureInfo.InvariantCulture));
            var style = header ? Header : columns[c].Kind switch { CellKind.Amount => Amount, CellKind.Date => Date, CellKind.Percent => Percent, _ => 0 };
            if (style != 0) xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            switch (value)
            {
                case DateOnly date:
                    // Spreadsheet dates are days since 1899-12-30.
                    xml.WriteElementString("v", ns, (date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture));
                    break;
                case string text:
                    xml.WriteAttributeString("t", "inlineStr");
                    xml.WriteStartElement("is", ns);
                    xml.WriteStartElement("t", ns);
                    xml.WriteAttributeString("xml", "space", null, "preserve");
                    xml.WriteString(XmlSafe(text));
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    break;
                case IFormattable number:
                    xml.WriteElementString("v", ns, number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"A cell of type {value.GetType().Name} cannot be written to a spreadsheet.");
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>A, B, ..., Z, AA, AB, ...</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new System.Text.UTF8Encoding(false));
        writer.Write(content.Trim());
    }

    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string title)
    {
        var clean = new string(title.Select(ch => ":\\/?*[]".Contains(ch) ? ' ' : ch).ToArray()).Trim();
        return clean.Length == 0 ? "Report" : clean[..Math.Min(31, clean.Length)];
    }

    private static string SecurityElement(string text) => System.Security.SecurityElement.Escape(text);

    // Characters XML 1.0 cannot hold (control characters other than tab and line breaks) are dropped.
    private static string XmlSafe(string text) => text.Any(ch => char.IsControl(ch) && ch is not '\t' and not '\n' and not '\r')
        ? new string(text.Where(ch => !char.IsControl(ch) || ch is '\t' or '\n' or '\r').ToArray()) : text;
}
