using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PayPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// An Identity UI page PayPortal does not offer, answered 404: accounts are made and removed by an Admin, and the
/// sign-in name (which approvals compare to tell a proposer from an approver) is not changed by its owner.
/// </summary>
public abstract class NotOfferedPageModel : PageModel
{
    public IActionResult OnGet() => NotFound();
    public IActionResult OnPost() => NotFound();
}
