using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Invoicing;

/// <summary>How posted documents are numbered: prefix, digits, and where a new sequence starts.</summary>
public sealed class InvoicingOptions
{
    public const string Section = "Invoicing";

    [Required, MaxLength(20)] public string InvoicePrefix { get; set; } = "INV-";
    [Required, MaxLength(20)] public string CreditMemoPrefix { get; set; } = "CM-";
    [Range(1, 18)] public int NumberWidth { get; set; } = 6;
    /// <summary>The first number of a sequence that does not exist yet in the database.</summary>
    [Range(1, long.MaxValue)] public long FirstNumber { get; set; } = 1;
}
