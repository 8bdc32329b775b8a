using System.Text;
using System.Text.RegularExpressions;

namespace PayPortal.Domain.Collections;

/// <summary>
/// Dunning texts with merge fields such as {{customer.name}}: <see cref="Fields"/> lists the ones there are;
/// a step with any other is refused when it is saved, so a run never sends a half-filled letter.
/// </summary>
public static partial class MergeTemplate
{
    public static readonly IReadOnlyList<string> Fields =
        ["customer.name", "customer.number", "contact.name", "invoices", "invoice_count", "total", "days_past_due", "pay_link", "company.name"];

    [GeneratedRegex(@"\{\{\s*([a-z_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Field();

    public static IReadOnlyList<string> UnknownFields(string template) =>
        Field().Matches(template).Select(m => m.Groups[1].Value).Where(f => !Fields.Contains(f)).Distinct().ToList();

    /// <summary>Fills every field with <paramref name="value"/>(name); the caller formats values for text or HTML.</summary>
    public static string Render(string template, Func<string, string> value) =>
        Field().Replace(template, m => Fields.Contains(m.Groups[1].Value) ? value(m.Groups[1].Value) : m.Value);

    /// <summary>The invoices as aligned plain-text lines for the text part of an email.</summary>
    public static string InvoiceLines(IEnumerable<(string Number, DateOnly DueDate, int DaysPastDue, string Amount)> invoices)
    {
        var text = new StringBuilder();
        foreach (var (number, due, days, amount) in invoices)
            text.Append($"  {number,-16} due {due:yyyy-MM-dd}  {(days > 0 ? $"{days} days late" : "not yet due"),-14} {amount,14}\n");
        return text.ToString().TrimEnd('\n');
    }
}
