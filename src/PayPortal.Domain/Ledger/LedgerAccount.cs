namespace PayPortal.Domain.Ledger;

/// <summary>
/// The accounts of the AR ledger. Amounts are signed: debit positive, credit negative, and every
/// journal sums to zero. The first three are the customer's side: their sum is what the customer owes.
/// </summary>
public enum LedgerAccount
{
    /// <summary>Owed on an invoice (per invoice).</summary>
    Receivable = 1,
    /// <summary>Cash received and not yet on an invoice (per payment; a credit balance).</summary>
    UnappliedCash = 2,
    /// <summary>Credit memos not yet on an invoice (per memo; a credit balance).</summary>
    CustomerCredit = 3,

    Revenue = 10,
    Cash = 11,
    DiscountsAllowed = 12,
    BadDebt = 13,
}

public static class LedgerAccounts
{
    /// <summary>The accounts whose sum per customer is the customer's balance.</summary>
    public static readonly IReadOnlySet<LedgerAccount> CustomerSide =
        new HashSet<LedgerAccount> { LedgerAccount.Receivable, LedgerAccount.UnappliedCash, LedgerAccount.CustomerCredit };
}
