namespace PayPortal.Domain.Plans;

public enum PlanDecision
{
    /// <summary>Within every limit: active at once.</summary>
    AutoApprove = 1,
    /// <summary>Allowed, but a specialist decides.</summary>
    Review = 2,
}

/// <summary>The limits under which a plan is approved without a specialist, and the bounds no plan may exceed.</summary>
public sealed record PlanPolicy(long AutoApproveMaxTotalMinor, int AutoApproveMaxInstallments, int AutoApproveMaxMonths, int LatestFirstDateDays = 45)
{
    public static readonly PlanPolicy Default = new(5_000_00, 6, 6);

    /// <summary>
    /// What happens to a request: refused (with every reason, for the customer to fix), reviewed by a
    /// specialist (with the limits it exceeds), or approved at once.
    /// </summary>
    public (PlanDecision? Decision, IReadOnlyList<string> Reasons) Evaluate(Money total, PlanTerms terms, DateOnly today)
    {
        var refusals = new List<string>();
        if (terms.Installments is < 2 or > PlanTerms.MaxInstallments) refusals.Add($"Choose 2 to {PlanTerms.MaxInstallments} installments.");
        if (terms.FirstDate < today) refusals.Add("The first installment cannot be in the past.");
        if (terms.FirstDate > today.AddDays(LatestFirstDateDays)) refusals.Add($"The first installment must be within {LatestFirstDateDays} days.");
        if (!total.IsPositive) refusals.Add("Choose at least one invoice with something left to pay.");
        else if (total.Minor < terms.Installments) refusals.Add("Each installment must be at least one cent.");
        if (refusals.Count > 0) return (null, refusals);

        var reviews = new List<string>();
        if (total.Minor > AutoApproveMaxTotalMinor) reviews.Add($"the total is over {new Money(AutoApproveMaxTotalMinor, total.Currency)}");
        if (terms.Installments > AutoApproveMaxInstallments) reviews.Add($"more than {AutoApproveMaxInstallments} installments");
        var months = MonthsBetween(today, PlanSchedule.LastDate(terms));
        if (months > AutoApproveMaxMonths) reviews.Add($"it runs longer than {AutoApproveMaxMonths} months");
        return reviews.Count == 0 ? (PlanDecision.AutoApprove, []) : (PlanDecision.Review, reviews);
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>, a started month counting as one.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return to.Day > from.Day ? months + 1 : months;
    }
}
