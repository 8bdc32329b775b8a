using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace PayPortal.Web.Htmx;

/// <summary>
/// How a page answers htmx: the same URL gives the whole page to a browser and a fragment to htmx (so caches
/// must keep them apart: <c>Vary: HX-Request</c>), and after a successful POST htmx is told where to go with
/// <c>HX-Redirect</c>, since a plain redirect would be followed inside the request and swapped into the target.
/// </summary>
public static class HtmxExtensions
{
    public const string RequestHeader = "HX-Request";
    public const string RedirectHeader = "HX-Redirect";

    public static bool IsHtmx(this HttpRequest request) => request.Headers.ContainsKey(RequestHeader);

    /// <summary>Whether to answer with a fragment; either way the answer depends on the request header, and says so.</summary>
    public static bool WantsFragment(this PageModel page)
    {
        page.Response.Headers.Append(HeaderNames.Vary, RequestHeader);
        return page.Request.IsHtmx();
    }

    /// <summary>The partial for htmx, the page otherwise.</summary>
    public static IActionResult PageOrPartial(this PageModel page, string partialName) =>
        page.WantsFragment() ? page.Partial(partialName, page) : page.Page();

    /// <summary>Post-redirect-get to this page (with <paramref name="routeValues"/>) after a successful POST.</summary>
    public static IActionResult RedirectAfterPost(this PageModel page, object? routeValues = null) => page.RedirectAfterPost(null, routeValues);

    /// <summary>Post-redirect-get to <paramref name="pageName"/> after a successful POST: HX-Redirect for htmx, a 302 otherwise.</summary>
    public static IActionResult RedirectAfterPost(this PageModel page, string? pageName, object? routeValues = null)
    {
        if (!page.Request.IsHtmx()) return page.RedirectToPage(pageName, routeValues);
        page.Response.Headers[RedirectHeader] = page.Url.Page(pageName, routeValues);
        return new OkResult();
    }
}
