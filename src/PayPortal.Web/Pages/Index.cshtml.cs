using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure.Identity;
using PayPortal.Web.Security;

namespace PayPortal.Web.Pages;

/// <summary>The front door sends each person where their work is.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated != true ? RedirectToPage("/Account/Login", new { area = "Identity" })
        : User.IsStaff() ? RedirectToPage("/Index", new { area = "BackOffice" })
        : User.IsInRole(Roles.Customer) ? RedirectToPage("/Index", new { area = "Portal" })
        : RedirectToPage("/Account/Manage/Index", new { area = "Identity" });
}
