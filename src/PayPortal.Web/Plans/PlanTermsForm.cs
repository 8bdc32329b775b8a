using System.ComponentModel.DataAnnotations;
using PayPortal.Domain.Plans;

namespace PayPortal.Web.Plans;

/// <summary>Installments, frequency and first date as a form (the customer's request or a specialist's counter-offer).</summary>
public sealed class PlanTermsForm
{
    [Display(Name = "Number of installments"), Range(2, PlanTerms.MaxInstallments, ErrorMessage = "Choose 2 to 36 installments.")]
    public int Installments { get; set; } = 3;
    public PlanFrequency Frequency { get; set; } = PlanFrequency.Monthly;
    [Display(Name = "First installment on")]
    public DateOnly FirstDate { get; set; }

    public PlanTerms ToTerms() => new(Installments, Frequency, FirstDate);
}
