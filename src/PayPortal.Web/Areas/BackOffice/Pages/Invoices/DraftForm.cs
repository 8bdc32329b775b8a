using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Invoicing;

namespace PayPortal.Web.Areas.BackOffice.Pages.Invoices;

/// <summary>The draft editor's fields as typed. Lines left completely blank are ignored.</summary>
public sealed class DraftForm
{
    [Display(Name = "Invoice date")] public DateOnly IssueDate { get; set; }
    [Display(Name = "Net days")] public int NetDays { get; set; }
    [Display(Name = "Early-payment discount %")] public decimal DiscountPercent { get; set; }
    [Display(Name = "Discount days")] public int DiscountDays { get; set; }
    [Display(Name = "PO number"), MaxLength(60)] public string? PoNumber { get; set; }
    [Display(Name = "Project code"), MaxLength(60)] public string? ProjectCode { get; set; }
    [Display(Name = "Allow partial payment")] public bool AllowPartialPayment { get; set; } = true;
    public List<LineForm> Lines { get; set; } = [];

    public sealed class LineForm
    {
        public string? Description { get; set; }
        public string? Quantity { get; set; }
        public string? UnitPrice { get; set; }
        public string? DiscountPercent { get; set; }
        public string? TaxRate { get; set; }

        public bool IsBlank => new[] { Description, Quantity, UnitPrice, DiscountPercent, TaxRate }.All(string.IsNullOrWhiteSpace);
    }

    public static DraftForm From(Invoice invoice) => new()
    {
        IssueDate = invoice.IssueDate,
        NetDays = invoice.Terms.NetDays,
        DiscountPercent = invoice.Terms.DiscountPercent,
        DiscountDays = invoice.Terms.DiscountDays,
        PoNumber = invoice.PoNumber,
        ProjectCode = invoice.ProjectCode,
        AllowPartialPayment = invoice.AllowPartialPayment,
        Lines = invoice.Lines.OrderBy(l => l.LineNo).Select(l => new LineForm
        {
            Description = l.Description,
            Quantity = l.Quantity.ToString("0.####", CultureInfo.InvariantCulture),
            UnitPrice = new Money(l.UnitPriceMinor, invoice.Currency).ToDecimalString(),
            DiscountPercent = l.DiscountPercent == 0 ? null : l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture),
            TaxRate = l.TaxRatePercent == 0 ? null : l.TaxRatePercent.ToString("0.###", CultureInfo.InvariantCulture),
        }).ToList(),
    };

    /// <summary>
    /// The draft the domain will accept, or null with every problem in <paramref name="errors"/> under
    /// the field it belongs to ("Form.Lines[1].Quantity"), each message naming its line.
    /// </summary>
    public DraftInput? ToInput(Currency currency, ModelStateDictionary errors, string prefix = "Form")
    {
        PaymentTerms? terms = null;
        try
        {
            terms = new PaymentTerms(NetDays, DiscountPercent, DiscountDays);
        }
        catch (DomainRefusal refusal)
        {
            errors.AddModelError($"{prefix}.{nameof(NetDays)}", $"Terms: {refusal.Message}");
        }
        var lines = new List<InvoiceLineDraft>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line.IsBlank) continue;
            var key = $"{prefix}.Lines[{i}]";
            var label = $"Line {i + 1}";
            var ok = true;
            if (string.IsNullOrWhiteSpace(line.Description)) ok = Fail($"{key}.Description", $"{label}: enter a description.");
            if (!decimal.TryParse(line.Quantity, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
                ok = Fail($"{key}.Quantity", $"{label}: the quantity must be a number above zero.");
            long unitMinor = 0;
            if (!Money.TryParse(line.UnitPrice ?? "", currency, out var unit, out var problem)) ok = Fail($"{key}.UnitPrice", $"{label}: unit price: {problem}.");
            else if (unit.IsNegative) ok = Fail($"{key}.UnitPrice", $"{label}: the unit price cannot be negative.");
            else unitMinor = unit.Minor;
            var discount = Percent(line.DiscountPercent, $"{key}.DiscountPercent", $"{label}: discount", ref ok);
            var tax = Percent(line.TaxRate, $"{key}.TaxRate", $"{label}: tax rate", ref ok);
            if (ok) lines.Add(new InvoiceLineDraft(line.Description!.Trim(), quantity, unitMinor, discount, tax));
        }
        return errors.ErrorCount == 0 && terms is not null ? new DraftInput(IssueDate, terms, PoNumber, ProjectCode, AllowPartialPayment, lines) : null;

        bool Fail(string field, string message)
        {
            errors.AddModelError(field, message);
            return false;
        }

        decimal Percent(string? text, string field, string what, ref bool ok)
        {
            if (string.IsNullOrWhiteSpace(text)) return 0;
            if (decimal.TryParse(text.TrimEnd('%', ' '), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100) return value;
            ok = Fail(field, $"{what} must be a percentage from 0 to 100.");
            return 0;
        }
    }
}
