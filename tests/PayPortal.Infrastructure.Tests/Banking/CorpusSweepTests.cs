using PayPortal.Infrastructure.Adapters.BankFiles;
using Xunit.Abstractions;

namespace PayPortal.Infrastructure.Tests.Banking;

/// <summary>Every bank file in the shared corpus, whatever its format, is read or refused with a message: none makes the reader throw anything else.</summary>
public class CorpusSweepTests(ITestOutputHelper output)
{
    private static readonly string[] Folders = ["camt", "bai2", "mt940", "lockbox", "nacha"];

    [CorpusFact]
    public void Every_bank_file_in_the_corpus_is_read_or_refused_with_a_message_naming_where()
    {
        var files = Folders.SelectMany(f => Directory.EnumerateFiles(SharedTestData.PathOf(f), "*", SearchOption.AllDirectories))
            .Where(f => !Path.GetFileName(f).StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 150, $"only {files.Count} corpus files found");
        var crashes = new List<string>();
        var (read, refused) = (0, 0);
        foreach (var path in files)
        {
            var name = Path.GetRelativePath(SharedTestData.Root!, path);
            try
            {
                using var stream = File.OpenRead(path);
                var file = BankFileReader.Parse(stream, new Dictionary<string, CsvBankMapping>());
                read++;
                output.WriteLine($"read     {name}: {file.Format}, {file.Lines.Count} line(s)");
            }
            catch (BankFileException ex)
            {
                refused++;
                output.WriteLine($"refused  {name}: {ex.Problems[0]}");
                // A refusal says where: a line, an entry or an element (or that the file is empty or not text).
                if (!ex.Problems.All(p => p.StartsWith("line ", StringComparison.Ordinal) || p.StartsWith("Ntry ", StringComparison.Ordinal) || p.StartsWith("the file ", StringComparison.Ordinal) || p.StartsWith("and ", StringComparison.Ordinal)))
                    crashes.Add($"{name}: a refusal that names no place: {ex.Message}");
            }
            catch (Exception ex)
            {
                crashes.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        output.WriteLine($"{read} read, {refused} refused, {crashes.Count} crashed");
        Assert.Empty(crashes);
    }
}
