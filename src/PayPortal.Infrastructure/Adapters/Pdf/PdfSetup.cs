using System.Reflection;
using PdfSharp.Fonts;

namespace PayPortal.Infrastructure.Adapters.Pdf;

/// <summary>
/// Process-wide PDFsharp settings, applied once before the first document: a font resolver that serves
/// the embedded DejaVu faces, so PDFs look the same on every machine, fonts installed or not.
/// </summary>
public static class PdfSetup
{
    public const string FontFamily = "DejaVu Sans";
    private static readonly Lazy<bool> Configured = new(() =>
    {
        GlobalFontSettings.FontResolver = new EmbeddedDejaVuFonts();
        return true;
    });

    public static void EnsureConfigured() => _ = Configured.Value;

    private sealed class EmbeddedDejaVuFonts : IFontResolver
    {
        // Every family resolves to DejaVu Sans: it covers Latin, Greek and Cyrillic names and all currency signs we print.
        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            bold ? new FontResolverInfo("DejaVuSans-Bold", false, italic)
            : italic ? new FontResolverInfo("DejaVuSans-Oblique")
            : new FontResolverInfo("DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"PayPortal.Fonts.{faceName}.ttf");
            if (stream is null) return null;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
