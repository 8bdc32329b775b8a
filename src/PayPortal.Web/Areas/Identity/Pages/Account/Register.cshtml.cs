using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PayPortal.Web.Areas.Identity.Pages.Account;

/// <summary>There is no self sign-up: contacts are invited to their customer account, staff are created by an admin.</summary>
[AllowAnonymous]
public class RegisterModel : PageModel
{
    public IActionResult OnGet() => NotFound();
    public IActionResult OnPost() => NotFound();
}
