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
}
