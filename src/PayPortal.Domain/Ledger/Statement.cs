using PayPortal.Domain.Aging;

namespace PayPortal.Domain.Ledger;

/// <summary>One journal's net effect on what the customer owes (positive: owes more).</summary>
public sealed record StatementMovement(DateOnly On, long JournalId, JournalKind Kind, string Description, long NetMinor, bool IsTest = false)
{
    /// <summary>The description as shown, with test money (the Stripe sandbox) called out.</summary>
    public string Text => Statement.Describe(Description, IsTest);
}

/// <summary>An invoice's open amount at the statement's end date, for the aging summary.</summary>
public sealed record OpenAtDate(DateOnly DueDate, long OpenMinor);

public sealed record StatementLine(DateOnly On, JournalKind Kind, string Description, Money Charges, Money Credits, Money Balance, bool IsTest = false)
{
    /// <summary>The description as shown, with test money (the Stripe sandbox) called out.</summary>
    public string Text => Statement.Describe(Description, IsTest);
}

/// <summary>
/// A customer statement for a period, derived from the ledger: the balance owed at the start, every
/// movement that changed it in date order with a running balance, the balance at the end, and how
/// that end balance ages. Moving money between the customer's own sub-accounts (applying a payment
/// to an invoice) changes nothing owed and is not a line.
/// </summary>
public sealed record Statement(DateOnly From, DateOnly To, Money Opening, IReadOnlyList<StatementLine> Lines, Money Closing, AgingSummary Aging)
{
    public static string Describe(string description, bool isTest) => isTest ? $"{description} (test money)" : description;

    public static Statement Build(Currency currency, DateOnly from, DateOnly to, long openingMinor, IEnumerable<StatementMovement> movements, IEnumerable<OpenAtDate> openAtEnd, AgingBuckets? buckets = null)
    {
        if (to < from) throw new DomainRefusal("The statement ends before it starts.");
        var balance = openingMinor;
        var lines = new List<StatementLine>();
        foreach (var m in movements.Where(m => m.NetMinor != 0 && m.On >= from && m.On <= to).OrderBy(m => m.On).ThenBy(m => m.JournalId))
        {
            balance += m.NetMinor;
            lines.Add(new StatementLine(m.On, m.Kind, m.Description,
                new Money(Math.Max(0, m.NetMinor), currency), new Money(Math.Max(0, -m.NetMinor), currency), new Money(balance, currency), m.IsTest));
        }
        var aging = new AgingSummary(buckets ?? AgingBuckets.Standard, currency);
        foreach (var invoice in openAtEnd) aging.Add(invoice.DueDate, to, invoice.OpenMinor);
        return new Statement(from, to, new Money(openingMinor, currency), lines, new Money(balance, currency), aging);
    }
}
