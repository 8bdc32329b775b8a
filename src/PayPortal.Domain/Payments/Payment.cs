using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Payments;

public enum PaymentMethod
{
    Card = 1,
    UsBankAccount = 2,
    Ach = 3,
    Wire = 4,
    Check = 5,
    Cash = 6,
    Other = 9,
}

/// <summary>Money received from a customer. What is not yet allocated to invoices is unapplied cash.</summary>
public class Payment : IVersioned
{
    private Payment() { }

    public Payment(Customer customer, Money amount, PaymentMethod method, DateOnly receivedOn, string? reference, bool isTest = false)
    {
        if (amount.Currency.Code != customer.CurrencyCode) throw new DomainRefusal($"Customer {customer.Number} is billed in {customer.CurrencyCode}, not {amount.Currency}.");
        if (!amount.IsPositive) throw new DomainRefusal("A payment amount must be positive.");
        Customer = customer;
        CustomerId = customer.Id;
        CurrencyCode = amount.Currency.Code;
        AmountMinor = amount.Minor;
        Method = method;
        ReceivedOn = receivedOn;
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        IsTest = isTest;
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public PaymentMethod Method { get; private set; }
    public string? Reference { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long AmountMinor { get; private set; }
    /// <summary>Received but on no invoice yet; always equals the ledger's unapplied-cash balance for this payment.</summary>
    public long UnappliedMinor { get; private set; }
    public long RefundedMinor { get; private set; }
    /// <summary>Paid through the built-in Stripe sandbox: test money, shown as such everywhere.</summary>
    public bool IsTest { get; private set; }
    public bool IsReceived { get; private set; }
    /// <summary>For a card or bank-debit payment taken through Stripe: the payout line on our bank statement that brought its money in.</summary>
    public long? SettledByBankLineId { get; private set; }
    public long Version { get; set; }

    public Currency Currency => Currency.Parse(CurrencyCode);
    public Money Amount => new(AmountMinor, Currency);
    public Money Unapplied => new(UnappliedMinor, Currency);

    internal void MarkReceived()
    {
        if (IsReceived) throw new DomainRefusal("The payment is already received.");
        IsReceived = true;
        UnappliedMinor = AmountMinor;
    }

    internal void ChangeUnapplied(long deltaMinor)
    {
        var unapplied = checked(UnappliedMinor + deltaMinor);
        if (unapplied < 0) throw new InvalidOperationException($"The payment has only {Unapplied} unapplied.");
        if (unapplied > AmountMinor - RefundedMinor) throw new InvalidOperationException("The payment cannot have more unapplied than it brought in.");
        UnappliedMinor = unapplied;
    }

    /// <summary>Records the bank line of the Stripe payout that settled this payment; once only.</summary>
    public void MarkSettled(long bankLineId)
    {
        if (Method is not (PaymentMethod.Card or PaymentMethod.UsBankAccount)) throw new DomainRefusal("Only payments taken through Stripe are settled by a payout.");
        if (SettledByBankLineId is not null) throw new DomainRefusal("The payment is already settled by a payout.");
        SettledByBankLineId = bankLineId;
    }

    internal void AddRefunded(long minor)
    {
        var refunded = checked(RefundedMinor + minor);
        if (refunded < 0 || refunded > AmountMinor) throw new InvalidOperationException($"The payment cannot have {refunded} refunded of {AmountMinor}.");
        RefundedMinor = refunded;
    }
}
