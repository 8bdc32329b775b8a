using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PayPortal.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    // The correlation id: the reference a customer quotes finds every log line of the failed request.
    public void OnGet() => RequestId = Logging.CorrelationId.Of(HttpContext) ?? Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}
