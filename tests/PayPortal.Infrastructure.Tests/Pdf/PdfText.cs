using System.Diagnostics;

namespace PayPortal.Infrastructure.Tests.Pdf;

/// <summary>The text of a PDF as a reader sees it, through poppler's pdftotext (installed by tests/run-all.sh).</summary>
public static class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"payportal-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils).");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftotext failed: {process.StandardError.ReadToEnd()}");
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
