using PayPortal.Infrastructure.Adapters.BankFiles;

namespace PayPortal.Infrastructure.CashApplication;

public sealed class BankingOptions
{
    public const string Section = "Banking";

    /// <summary>Lines the engine is at least this sure of are applied without a specialist.</summary>
    public double AutoApplyConfidence { get; set; } = 0.9;
    /// <summary>CSV column mappings by bank account ("*" for any account without its own).</summary>
    public Dictionary<string, CsvBankMapping> CsvMappings { get; set; } = [];
    public long MaxFileBytes { get; set; } = 200 * 1024 * 1024;
}
