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

    /// <summary>A CSS class per status, for the badge colour (the text always says the status too).</summary>
    public static string StatusClass(InvoiceStatus status) => "status status-" + status.ToString().ToLowerInvariant();
}
