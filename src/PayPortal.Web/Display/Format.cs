using System.Globalization;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;

namespace PayPortal.Web.Display;

/// <summary>How amounts, dates and statuses read on every page.</summary>
public static class Format
{
    public static string Money(long minor, string currencyCode) => new Money(minor, Currency.Parse(currencyCode)).ToString();

    public static string Money(Money money) => money.ToString();

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    public static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.PartiallyPaid => "Partially paid",
        InvoiceStatus.WrittenOff => "Written off",
        _ => status.ToString(),
    };

    /// <summary>Where money applied to an invoice came from, in customers' words.</summary>
    public static string AllocationKind(PayPortal.Domain.Payments.AllocationKind kind) => kind switch
    {
        PayPortal.Domain.Payments.AllocationKind.Credit => "Credit memo",
        PayPortal.Domain.Payments.AllocationKind.Discount => "Early-payment discount",
        _ => "Payment",
    };

    /// <summary>A CSS class per status, for the badge colour (the text always says the status too).</summary>
    public static string StatusClass(InvoiceStatus status) => "status status-" + status.ToString().ToLowerInvariant();

    public static string DisputeReason(PayPortal.Domain.Disputes.DisputeReason reason) => reason switch
    {
        PayPortal.Domain.Disputes.DisputeReason.DamagedGoods => "Damaged goods",
        PayPortal.Domain.Disputes.DisputeReason.NotReceived => "Not received",
        PayPortal.Domain.Disputes.DisputeReason.DuplicateBilling => "Duplicate billing",
        PayPortal.Domain.Disputes.DisputeReason.Chargeback => "Card chargeback",
        _ => reason.ToString(),
    };

    public static string DisputeStatus(PayPortal.Domain.Disputes.DisputeStatus status, bool toCustomer = false) => status switch
    {
        PayPortal.Domain.Disputes.DisputeStatus.WaitingOnCustomer => toCustomer ? "Waiting for your reply" : "Waiting on the customer",
        PayPortal.Domain.Disputes.DisputeStatus.PartiallyAccepted => "Accepted in part",
        PayPortal.Domain.Disputes.DisputeStatus.Rebilled => "Accepted: invoice re-billed",
        PayPortal.Domain.Disputes.DisputeStatus.Won => "Chargeback won",
        PayPortal.Domain.Disputes.DisputeStatus.Lost => "Chargeback lost",
        _ => status.ToString(),
    };

    public static string PlanStatus(PayPortal.Domain.Plans.PlanStatus status) => status switch
    {
        PayPortal.Domain.Plans.PlanStatus.CounterOffered => "Counter-offer waiting for the customer",
        PayPortal.Domain.Plans.PlanStatus.Requested => "Waiting for review",
        _ => status.ToString(),
    };

    public static string BankLineStatus(PayPortal.Domain.CashApplication.BankLineStatus status) => status switch
    {
        PayPortal.Domain.CashApplication.BankLineStatus.AutoApplied => "Applied automatically",
        PayPortal.Domain.CashApplication.BankLineStatus.Applied => "Applied by hand",
        PayPortal.Domain.CashApplication.BankLineStatus.Exception => "Waiting",
        PayPortal.Domain.CashApplication.BankLineStatus.NonCustomer => "Not a customer's",
        PayPortal.Domain.CashApplication.BankLineStatus.StripePayout => "Stripe payout",
        PayPortal.Domain.CashApplication.BankLineStatus.Matching => "Being matched",
        PayPortal.Domain.CashApplication.BankLineStatus.AlreadyImported => "Already imported",
        _ => "Debit",
    };
}
