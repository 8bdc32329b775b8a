namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>One booked movement on a bank account, whatever file it came from: the one model the matching engine reads.</summary>
public sealed record BankFileLine
{
    /// <summary>The bank's own reference (camt AcctSvcrRef, else NtryRef; BAI2 bank reference; CSV reference column).</summary>
    public required string BankReference { get; init; }
    public required DateOnly BookingDate { get; init; }
    public DateOnly? ValueDate { get; init; }
    /// <summary>Always positive; <see cref="IsCredit"/> says the direction.</summary>
    public required long AmountMinor { get; init; }
    public required string CurrencyCode { get; init; }
    public required bool IsCredit { get; init; }
    public string? PayerName { get; init; }
    public string? PayerAccount { get; init; }
    /// <summary>Free remittance text, continuation lines joined with spaces.</summary>
    public string RemittanceText { get; init; } = "";
    /// <summary>Structured references: creditor references, end-to-end ids, customer references.</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>Bank transaction code as the file gives it (camt Domain/Family/SubFamily or proprietary; BAI2 type code).</summary>
    public string? BankTransactionCode { get; init; }
    /// <summary>Where in the file it came from, for messages: "line 12" or "Ntry 3".</summary>
    public required string Location { get; init; }
}

/// <summary>A parsed bank file: the statements (or notifications) of one account.</summary>
public sealed record BankFile(string Format, string StatementId, string? AccountId, IReadOnlyList<BankFileLine> Lines)
{
    /// <summary>
    /// The same file with every line's bank reference unique within it: a reference a bank repeats
    /// (seen in published samples) gets "#2", "#3"... so each line can be named on its own.
    /// </summary>
    public BankFile WithUniqueReferences()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = Lines.Select(l =>
        {
            var n = seen[l.BankReference] = seen.GetValueOrDefault(l.BankReference) + 1;
            return n == 1 ? l : l with { BankReference = $"{l.BankReference}#{n}" };
        }).ToList();
        return this with { Lines = lines };
    }
}

/// <summary>A file that cannot be imported: every problem names its line or element.</summary>
public sealed class BankFileException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
