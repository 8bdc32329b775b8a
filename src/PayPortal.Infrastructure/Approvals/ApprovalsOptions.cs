using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Approvals;

/// <summary>Settings under "Approvals".</summary>
public sealed class ApprovalsOptions
{
    public const string Section = "Approvals";

    /// <summary>
    /// In minor units of the invoice's currency (50000 = 500.00 USD): a void of an owed invoice, a full credit or a
    /// dispute acceptance taking more than this off the books waits for a manager's approval; 0 means all of them do.
    /// Minor units because every amount in the system is one; no currency conversion is implied.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long CreditThreshold { get; set; }
}
