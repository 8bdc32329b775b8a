namespace PayPortal.Domain.CashApplication;

/// <summary>A credit on the bank statement as the engine sees it.</summary>
public sealed record BankCredit(string Reference, DateOnly Date, Money Amount, string? PayerName, string? PayerAccount, string Text, IReadOnlyList<string> References);

/// <summary>
/// An open invoice the engine may apply money to; <see cref="DiscountMinor"/> is its early-payment
/// discount, earned by paying in full on or before <see cref="DiscountDeadline"/>.
/// </summary>
public sealed record OpenItem(long InvoiceId, string Number, long CustomerId, string CurrencyCode, long OpenMinor, long DiscountMinor, DateOnly DueDate,
    DateOnly? DiscountDeadline = null);

/// <summary>A customer as the engine knows it: name, bank accounts and the payer names (aliases) it has been seen paying under.</summary>
public sealed record PayerProfile(long CustomerId, string Name, IReadOnlyList<string> Accounts, IReadOnlyList<string> Aliases);

/// <summary>Money from the credit to one invoice: cash, plus the early-payment discount it earns.</summary>
public sealed record ProposedAllocation(long InvoiceId, string InvoiceNumber, long CashMinor, long DiscountMinor);

public enum ShortPayReason
{
    None = 0,
    DiscountTaken = 1,
    Deduction = 2,
    BankFee = 3,
    Disputed = 4,
}

/// <summary>
/// One way to apply a credit: which customer, what goes on which invoice, what is left on account,
/// how sure the engine is (0-1), the rule that found it and the reasons, in words.
/// </summary>
public sealed record Proposal(long? CustomerId, IReadOnlyList<ProposedAllocation> Allocations, long OnAccountMinor, double Confidence, string Rule,
    IReadOnlyList<string> Reasons, ShortPayReason ShortPay = ShortPayReason.None)
{
    public long AppliedCashMinor => Allocations.Sum(a => a.CashMinor);
}

public enum LineKind
{
    /// <summary>A customer payment: proposals follow.</summary>
    Customer = 1,
    /// <summary>A Stripe payout: it settles card payments already applied, not invoices.</summary>
    StripePayout = 2,
}

public sealed record MatchResult(LineKind Kind, IReadOnlyList<Proposal> Proposals)
{
    public Proposal? Best => Proposals.Count > 0 ? Proposals[0] : null;
}
