using PayPortal.Domain.Plans;

namespace PayPortal.Infrastructure.Plans;

/// <summary>Payment-plan policy from configuration (amounts in minor units of the account's currency).</summary>
public sealed class PlanOptions
{
    public const string Section = "Plans";

    public long AutoApproveMaxTotalMinor { get; set; } = PlanPolicy.Default.AutoApproveMaxTotalMinor;
    public int AutoApproveMaxInstallments { get; set; } = PlanPolicy.Default.AutoApproveMaxInstallments;
    public int AutoApproveMaxMonths { get; set; } = PlanPolicy.Default.AutoApproveMaxMonths;
    /// <summary>Days after an installment's due date before an unpaid installment breaks the plan.</summary>
    public int GraceDays { get; set; } = 5;
    /// <summary>Days before an installment's due date its reminder goes out.</summary>
    public int ReminderDaysBefore { get; set; } = 3;

    public PlanPolicy Policy => new(AutoApproveMaxTotalMinor, AutoApproveMaxInstallments, AutoApproveMaxMonths);
}
