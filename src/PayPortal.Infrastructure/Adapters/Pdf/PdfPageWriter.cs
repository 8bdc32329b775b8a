using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PayPortal.Infrastructure.Adapters.Pdf;

public enum Align { Left, Right }

/// <summary>One column of a table: where it starts, how wide it is, how its text aligns.</summary>
public sealed record PdfColumn(double X, double Width, Align Align = Align.Left);

/// <summary>
/// Writes A4 pages top to bottom: a cursor that moves down, a new page (with the running header)
/// when the next block would not fit, word-wrapped text and table rows. Units are points.
/// </summary>
public sealed class PdfPageWriter : IDisposable
{
    public const double Margin = 50;
    private readonly PdfDocument _document;
    private readonly string _runningHeader;
    private XGraphics? _gfx;
    private PdfPage? _page;

    public PdfPageWriter(string title, string runningHeader)
    {
        PdfSetup.EnsureConfigured();
        _document = new PdfDocument();
        _document.Info.Title = title;
        _document.Info.Creator = "PayPortal";
        _runningHeader = runningHeader;
        Regular = new XFont(PdfSetup.FontFamily, 9.5, XFontStyleEx.Regular);
        Bold = new XFont(PdfSetup.FontFamily, 9.5, XFontStyleEx.Bold);
        Small = new XFont(PdfSetup.FontFamily, 8, XFontStyleEx.Regular);
        Heading = new XFont(PdfSetup.FontFamily, 18, XFontStyleEx.Bold);
        NewPage();
    }

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public XFont Heading { get; }
    public double Y { get; set; }
    public double Width => _page!.Width.Point - 2 * Margin;
    public double Left => Margin;
    public double Right => Margin + Width;
    private double Bottom => _page!.Height.Point - Margin;
    private XGraphics Gfx => _gfx!;

    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Text(string text, XFont font, double x, double width, Align align = Align.Left, double? y = null)
    {
        var rect = new XRect(x, y ?? Y, width, font.Height);
        Gfx.DrawString(text, font, XBrushes.Black, rect, align == Align.Right ? XStringFormats.TopRight : XStringFormats.TopLeft);
    }

    /// <summary>A paragraph wrapped to the width; moves the cursor below it.</summary>
    public void Paragraph(string text, XFont font, double x, double width)
    {
        foreach (var line in Wrap(text, font, width))
        {
            EnsureSpace(font.Height);
            Text(line, font, x, width);
            Y += font.Height * 1.2;
        }
    }

    /// <summary>A table row: each cell wrapped within its column; the row is as tall as its tallest cell.</summary>
    public void Row(IReadOnlyList<PdfColumn> columns, IReadOnlyList<string> cells, XFont font, bool ruleBelow = false)
    {
        var wrapped = columns.Select((c, i) => Wrap(cells[i], font, c.Width - 4)).ToList();
        var height = wrapped.Max(w => w.Count) * font.Height * 1.2;
        EnsureSpace(height + 4);
        for (var i = 0; i < columns.Count; i++)
        {
            var lineY = Y;
            foreach (var line in wrapped[i])
            {
                Text(line, font, columns[i].X, columns[i].Width, columns[i].Align, lineY);
                lineY += font.Height * 1.2;
            }
        }
        Y += height + 2;
        if (ruleBelow) Rule();
    }

    /// <summary>
    /// The sending company's letterhead: its logo (when configured, scaled to fit 150 x 50 points), name
    /// and address on the left, the document's title on the right. Moves the cursor below both.
    /// </summary>
    public void CompanyHeader(CompanyOptions company, string title)
    {
        var top = Y;
        Text(title, Heading, Left, Width, Align.Right);
        if (company.LogoPath is { Length: > 0 } logoPath)
        {
            using var logo = XImage.FromFile(logoPath);
            var scale = Math.Min(1, Math.Min(150 / logo.PointWidth, 50 / logo.PointHeight));
            Gfx.DrawImage(logo, Left, Y, logo.PointWidth * scale, logo.PointHeight * scale);
            Y += logo.PointHeight * scale + 6;
        }
        Text(company.Name, Bold, Left, Width / 2);
        Y += Bold.Height * 1.4;
        if (company.Address.Length > 0) Paragraph(company.Address, Regular, Left, Width / 2);
        Y = Math.Max(Y, top + Heading.Height * 1.6) + 6;
    }

    public void Rule(double thickness = 0.5)
    {
        Gfx.DrawLine(new XPen(XColors.Gray, thickness), Left, Y, Right, Y);
        Y += 4;
    }

    public void Gap(double points) => Y += points;

    public byte[] ToBytes()
    {
        _gfx?.Dispose();
        _gfx = null;
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        Y = Margin;
        if (_document.PageCount > 1)
        {
            Text($"{_runningHeader} (continued, page {_document.PageCount})", Small, Left, Width);
            Y += Small.Height * 2;
        }
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && Gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else current = candidate;
            }
            lines.Add(current);
        }
        return lines;
    }
}
