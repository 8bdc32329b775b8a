using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PayPortal.Web.Pages;

/// <summary>Friendly pages for error status codes (re-executed, so the status code itself is kept).</summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => (Title, Explanation) = code switch
    {
        404 => ("Not found", "There is nothing at this address, or it is not yours to see."),
        403 => ("Not allowed", "Your account does not have access to this page."),
        _ => ($"Error {code}", "The request could not be completed."),
    };
}
