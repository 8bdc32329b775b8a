using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Invoices;

/// <summary>Starts a draft invoice for a customer, found by account number; the editor takes it from there.</summary>
public class NewModel(PayPortalDbContext db, InvoiceDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "Customer number"), Required(ErrorMessage = "Enter the customer's account number.")]
    public string? CustomerNumber { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var number = CustomerNumber!.Trim();
        var customerId = await db.Customers.Where(c => c.Number == number).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        if (customerId is null)
        {
            ModelState.AddModelError(nameof(CustomerNumber), $"There is no customer with account number {number}.");
            return Page();
        }
        var result = await desk.CreateDraftAsync(customerId.Value, ct);
        return this.RedirectAfterPost("/Invoices/Edit", new { id = result.Id });
    }
}
