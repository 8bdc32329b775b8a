using System.Diagnostics;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Tests.Pdf;

public class CompanyLogoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payportal-logo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Logo(int width, int height)
    {
        var path = Path.Combine(_folder, "logo.png");
        File.WriteAllBytes(path, TestPng.Create(width, height, (0x1f, 0x6f, 0xeb)));
        return path;
    }

    private static Statement EmptyStatement() =>
        new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Money.Zero(Currency.USD), [], Money.Zero(Currency.USD),
            new Domain.Aging.AgingSummary(Domain.Aging.AgingBuckets.Standard, Currency.USD));

    [Fact]
    public void A_configured_logo_is_drawn_on_the_statement_with_the_company_name_and_address()
    {
        var company = new CompanyOptions { Name = "Northwind Supply Co.", Address = "1 Harbour Street, Portland", LogoPath = Logo(300, 100) };
        var pdf = StatementPdf.Render(company, "Acme", "C-1", EmptyStatement());

        var images = PdfImages(pdf);
        Assert.Contains(images, i => i is { Width: 300, Height: 100 });
        var text = PdfText.Extract(pdf);
        Assert.Contains("Northwind Supply Co.", text);
        Assert.Contains("1 Harbour Street, Portland", text);
    }

    [Fact]
    public void Without_a_logo_no_image_is_embedded()
    {
        var pdf = StatementPdf.Render(new CompanyOptions { Name = "Northwind Supply Co." }, "Acme", "C-1", EmptyStatement());
        Assert.Empty(PdfImages(pdf));
    }

    [Theory]
    [InlineData("missing.png", "does not exist")]
    [InlineData("logo.gif", "must be a .png, .jpg or .jpeg file")]
    public void A_logo_that_is_missing_or_of_another_type_is_refused_at_start(string file, string message)
    {
        var path = Path.Combine(_folder, file);
        if (file.EndsWith(".gif")) File.WriteAllBytes(path, [0x47, 0x49, 0x46]);
        var result = new CompanyOptionsValidator().Validate(null, new CompanyOptions { LogoPath = path });
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
        Assert.Contains(path, result.FailureMessage);
    }

    /// <summary>The images poppler's pdfimages finds in the document (width, height).</summary>
    private static List<(int Width, int Height)> PdfImages(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfimages", ["-list", file]) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(cols => (int.Parse(cols[3]), int.Parse(cols[4]))).ToList();
        }
        finally { File.Delete(file); }
    }
}
