namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>
/// Reads any bank file PayPortal takes: the format is judged from the first bytes (camt XML, BAI2,
/// else CSV), then that format's parser reads the stream forward once. Whatever the bytes, the answer
/// is a <see cref="BankFile"/> or a <see cref="BankFileException"/> naming lines or elements.
/// </summary>
public static class BankFileReader
{
    /// <summary>More problems than this are summarised: a million bad lines need not be listed one by one.</summary>
    public const int MaxProblems = 50;

    /// <summary>
    /// No statement moves this much (10^15 minor units, ten trillion dollars): a file that adds up to more
    /// is refused, so no sum over its lines can overflow anywhere later.
    /// </summary>
    public const long MaxTotalMinor = 1_000_000_000_000_000;

    /// <param name="stream">Positioned at the file's start and seekable: the first bytes are read to choose the parser, then read again by it.</param>
    public static BankFile Parse(Stream stream, IReadOnlyDictionary<string, CsvBankMapping> csvMappings)
    {
        var start = stream.Position;
        var buffer = new byte[4096];
        var head = buffer.AsSpan(0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
        stream.Position = start;
        try
        {
            var file = Choose(head, stream, csvMappings);
            CheckTotals(file);
            return file;
        }
        catch (BankFileException ex) when (ex.Problems.Count > MaxProblems)
        {
            throw new BankFileException([.. ex.Problems.Take(MaxProblems), $"and {ex.Problems.Count - MaxProblems} more problems"]);
        }
    }

    private static BankFile Choose(ReadOnlySpan<byte> head, Stream stream, IReadOnlyDictionary<string, CsvBankMapping> csvMappings)
    {
        if (CamtParser.LooksLikeCamt(head)) return CamtParser.Parse(stream);
        if (Bai2Parser.LooksLikeBai2(head)) return Bai2Parser.Parse(stream);
        if (LooksLikeXml(head)) return CamtParser.Parse(stream); // XML that is not camt: the parser names it
        return CsvBankParser.Parse(stream, csvMappings);
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> head) =>
        head.Length > 0 && (head[0] == (byte)'<' || head.StartsWith("\uFEFF<"u8));

    private static void CheckTotals(BankFile file)
    {
        long credits = 0, debits = 0;
        foreach (var line in file.Lines)
        {
            var sum = line.IsCredit ? credits : debits;
            if (line.AmountMinor > MaxTotalMinor - sum) // never overflows: both sides stay within MaxTotalMinor
                throw new BankFileException([$"{line.Location}: the file's {(line.IsCredit ? "credits" : "debits")} add up to more than 10^15 minor units; no statement moves that much"]);
            if (line.IsCredit) credits += line.AmountMinor;
            else debits += line.AmountMinor;
        }
    }
}
