using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Collections;

/// <summary>The collector's worklist: accounts with money past due, highest priority first, with the next action and when it is due.</summary>
public class IndexModel(Worklist worklist, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>"todo" (the default), "promised" or "all".</summary>
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    /// <summary>"me", "unassigned" or empty for anyone.</summary>
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<WorklistRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public DateOnly Today { get; private set; }
    public WorklistView Selected => View switch { "promised" => WorklistView.Promised, "all" => WorklistView.All, _ => WorklistView.ToDo };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        PageNumber = Math.Max(1, PageNumber);
        (Rows, Total) = await worklist.ListAsync(Today, Selected, Assignee == "me" ? User.UserId() : null, Assignee == "unassigned", PageNumber, PageSize, ct);
        return this.PageOrPartial("_Worklist");
    }
}
