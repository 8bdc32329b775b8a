using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Aging;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>Settings under "Reporting".</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>The last day of each past-due bucket, e.g. "30,60,90,120" for current, 1-30, 31-60, 61-90, 91-120, 120+ (at most six).</summary>
    public string AgingBuckets { get; set; } = "30,60,90,120";

    public AgingBuckets Buckets
    {
        get
        {
            var buckets = Domain.Aging.AgingBuckets.Parse(AgingBuckets);
            if (buckets.UpperBounds.Count > LedgerAging.MaxBoundaries)
                throw new DomainRefusal($"Reporting:AgingBuckets has {buckets.UpperBounds.Count} boundaries; at most {LedgerAging.MaxBoundaries} are supported.");
            return buckets;
        }
    }
}

/// <summary>Stops start-up with the reason when the aging buckets cannot be read.</summary>
public sealed class ReportingOptionsValidator : IValidateOptions<ReportingOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportingOptions options)
    {
        try
        {
            _ = options.Buckets;
            return ValidateOptionsResult.Success;
        }
        catch (DomainRefusal refusal)
        {
            return ValidateOptionsResult.Fail($"Reporting:AgingBuckets '{options.AgingBuckets}': {refusal.Message}");
        }
    }
}
