namespace PayPortal.Domain.Collections;

/// <summary>What the risk score is made of, read from the customer's payment behaviour.</summary>
public sealed record RiskInputs(
    /// <summary>Average days after the due date that invoices paid in the last year were settled (0 when on time).</summary>
    decimal AverageDaysLate,
    /// <summary>Share of invoices paid in the last year that were paid after their due date, 0 to 1.</summary>
    decimal ShareLate,
    /// <summary>Promises broken in the last year.</summary>
    int BrokenPromises,
    /// <summary>Share of today's balance that is past due, 0 to 1.</summary>
    decimal PastDueShare,
    /// <summary>Days past due of the oldest open invoice (0 when none is late).</summary>
    int OldestDaysPastDue);

public sealed record RiskComponent(string Name, string Value, int Points, int MaxPoints);

public enum RiskBand { Low, Medium, High }

/// <summary>
/// A simple, explainable risk score from 0 (pays like clockwork) to 100: up to 30 points for how late they
/// pay on average (60+ days scores all 30), 20 for how often they pay late, 20 for broken promises (3 or
/// more), 15 for the past-due share of the balance and 15 for the age of the oldest past-due invoice
/// (120+ days). Low below 30, high from 60.
/// </summary>
public sealed record RiskScore(int Score, RiskBand Band, IReadOnlyList<RiskComponent> Components)
{
    public static RiskScore From(RiskInputs i)
    {
        RiskComponent[] parts =
        [
            new("Average days late when paying", $"{i.AverageDaysLate:0.#} days", Points(Math.Min(i.AverageDaysLate, 60) / 60, 30), 30),
            new("Invoices paid late", $"{i.ShareLate * 100:0}%", Points(Math.Clamp(i.ShareLate, 0, 1), 20), 20),
            new("Broken promises (last year)", i.BrokenPromises.ToString(System.Globalization.CultureInfo.InvariantCulture), Points(Math.Min(i.BrokenPromises, 3) / 3m, 20), 20),
            new("Balance past due", $"{i.PastDueShare * 100:0}%", Points(Math.Clamp(i.PastDueShare, 0, 1), 15), 15),
            new("Oldest past-due invoice", $"{i.OldestDaysPastDue} days", Points(Math.Min(i.OldestDaysPastDue, 120) / 120m, 15), 15),
        ];
        var score = parts.Sum(p => p.Points);
        return new RiskScore(score, score >= 60 ? RiskBand.High : score >= 30 ? RiskBand.Medium : RiskBand.Low, parts);
    }

    private static int Points(decimal fraction, int max) => (int)Math.Round(Math.Max(0, fraction) * max, MidpointRounding.AwayFromZero);
}
