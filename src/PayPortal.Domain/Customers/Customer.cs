

namespace PayPortal.Domain.Customers;

/// <summary>A customer account that buys on credit. Its contacts (portal users) live with identity.</summary>
public class Customer : IVersioned
{
    private Customer() { }

    public Customer(string number, string name, Currency currency, PaymentTerms terms, IEnumerable<string> billingEmails)
    {
        Number = RequireText(number, nameof(number), 32);
        Name = RequireText(name, nameof(name), 200);
        CurrencyCode = currency.Code;
        SetTerms(terms);
        SetBillingEmails(billingEmails);
    }

    public long Id { get; private set; }
    public string Number { get; private set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Semicolon-separated billing addresses; use <see cref="BillingEmailList"/>.</summary>
    public string BillingEmails { get; private set; } = "";
    public string CurrencyCode { get; private set; } = "";
    public int TermsNetDays { get; private set; }
    public decimal TermsDiscountPercent { get; private set; }
    public int TermsDiscountDays { get; private set; }

    /// <summary>Credit limit in minor units of the account currency; null means no limit set.</summary>
    public long? CreditLimitMinor { get; set; }
    public bool CreditHold { get; set; }
    public bool DunningPaused { get; set; }
    /// <summary>Which dunning policy applies (lower-case, e.g. "key-accounts"); null takes the default policy.</summary>
    public string? Segment { get; private set; }
    /// <summary>The specialist who collects this account (an identity user id) and their name as shown.</summary>
    public string? CollectorUserId { get; private set; }
    public string? CollectorName { get; private set; }
    /// <summary>The next follow-up a collector set when logging a call.</summary>
    public DateOnly? NextActionOn { get; set; }
    /// <summary>The risk score (0-100) from the last nightly scoring; see Collections.RiskScore.</summary>
    public int? RiskScore { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }

    public Currency Currency => Currency.Parse(CurrencyCode);
    public PaymentTerms Terms => new(TermsNetDays, TermsDiscountPercent, TermsDiscountDays);
    public IReadOnlyList<string> BillingEmailList => BillingEmails.Split(';', StringSplitOptions.RemoveEmptyEntries);
    public Money? CreditLimit => CreditLimitMinor is { } l ? new Money(l, Currency) : null;

    public void SetSegment(string? segment) => Segment = Collections.DunningPolicy.NormalizeSegment(segment);

    public void AssignCollector(string? userId, string? name)
    {
        CollectorUserId = userId;
        CollectorName = userId is null ? null : name;
    }

    public void SetTerms(PaymentTerms terms)
    {
        TermsNetDays = terms.NetDays;
        TermsDiscountPercent = terms.DiscountPercent;
        TermsDiscountDays = terms.DiscountDays;
    }

    public void SetBillingEmails(IEnumerable<string> emails)
    {
        var list = emails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var email in list)
        {
            if (!EmailAddress.IsValid(email))
                throw new DomainRefusal($"'{email}' is not an email address.");
        }
        BillingEmails = string.Join(';', list);
    }

    private static string RequireText(string value, string name, int max)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainRefusal($"{name} is required.");
        if (trimmed.Length > max) throw new DomainRefusal($"{name} is longer than {max} characters.");
        if (trimmed.Any(char.IsControl)) throw new DomainRefusal($"{name} cannot contain line breaks or control characters.");
        return trimmed;
    }
}
