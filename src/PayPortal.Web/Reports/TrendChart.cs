using System.Globalization;
using System.Net;
using System.Text;

namespace PayPortal.Web.Reports;

/// <summary>
/// A small server-rendered SVG line chart (no script, no library): one point per label, gaps where a value
/// is missing, a labelled y axis from zero. Screen readers get the title and description; the page also
/// shows the same figures as a table.
/// </summary>
public static class TrendChart
{
    private const int Width = 640, Height = 220, Left = 48, Right = 16, Top = 16, Bottom = 32;

    public static string Svg(string id, string title, string description, IReadOnlyList<(string Label, decimal? Value)> points, string unit)
    {
        var max = points.Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
        var top = NiceCeiling(max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (points.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(points.Count - 1));
        double Y(decimal v) => Top + plotHeight - (double)(top == 0 ? 0 : v / top) * plotHeight;
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append($"<svg id=\"{id}\" class=\"trend-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        for (var step = 0; step <= 4; step++)
        {
            var value = top * step / 4;
            var y = Y(value);
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.15\"/>");
            svg.Append($"<text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">{value.ToString("0.#", CultureInfo.InvariantCulture)}{WebUtility.HtmlEncode(unit)}</text>");
        }
        for (var i = 0; i < points.Count; i++)
            svg.Append($"<text x=\"{N(X(i))}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\" fill=\"currentColor\">{WebUtility.HtmlEncode(points[i].Label)}</text>");
        // One polyline per run of known values: a month without sales is a gap, not a zero.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) svg.Append($"<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" points=\"{string.Join(' ', run)}\"/>");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                Flush();
                continue;
            }
            run.Add($"{N(X(i))},{N(Y(v))}");
            svg.Append($"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(v))}\" r=\"3\" fill=\"currentColor\"><title>{WebUtility.HtmlEncode(points[i].Label)}: {v.ToString("0.#", CultureInfo.InvariantCulture)}{WebUtility.HtmlEncode(unit)}</title></circle>");
        }
        Flush();
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A round number at or above <paramref name="max"/> for the top of the axis (1, 2 or 5 times a power of ten).</summary>
    public static decimal NiceCeiling(decimal max)
    {
        if (max <= 0) return 1;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
            if (factor * power >= max) return factor * power;
        return 10 * power;
    }
}
