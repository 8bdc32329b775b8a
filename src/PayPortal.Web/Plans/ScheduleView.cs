using PayPortal.Domain;
using PayPortal.Domain.Plans;

namespace PayPortal.Web.Plans;

/// <summary>A plan's installments with what is paid on each (paid money covers them in order).</summary>
public sealed record ScheduleView(Currency Currency, IReadOnlyList<ScheduleView.Row> Rows)
{
    public sealed record Row(int Number, DateOnly DueDate, long AmountMinor, long PaidMinor)
    {
        public bool IsPaid => PaidMinor >= AmountMinor;
    }

    public static ScheduleView Of(PaymentPlan plan, long invoicesOpenMinor)
    {
        var paid = plan.PaidMinor(invoicesOpenMinor);
        var rows = new List<Row>();
        foreach (var i in plan.Installments.OrderBy(i => i.Number))
        {
            var onThis = Math.Min(paid, i.AmountMinor);
            paid -= onThis;
            rows.Add(new Row(i.Number, i.DueDate, i.AmountMinor, onThis));
        }
        return new(plan.Currency, rows);
    }

    public static ScheduleView Preview(IReadOnlyList<ScheduledInstallment> schedule, Currency currency) =>
        new(currency, schedule.Select(s => new Row(s.Number, s.DueDate, s.Amount.Minor, 0)).ToList());
}
