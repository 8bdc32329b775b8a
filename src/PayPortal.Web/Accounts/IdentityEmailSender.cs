using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Links;

namespace PayPortal.Web.Accounts;

/// <summary>
/// Identity's account mails (reset password, confirm email) through our mailer, with a plain-text part. Identity UI's
/// pages build their links from the request's scheme and Host header, which whoever sends the request chooses: every
/// link is moved onto PayPortal:PublicUrl before it is sent, so a forged Host cannot send someone's reset code elsewhere.
/// </summary>
public sealed partial class IdentityEmailSender(Mailer mailer, IOptions<PortalUrlOptions> links, IHttpContextAccessor http) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var html = OntoPublicUrl(htmlMessage, links.Value.PublicUrl, http.HttpContext?.Request.PathBase ?? PathString.Empty);
        return mailer.SendAsync(new OutgoingMail(email, subject, ToText(html), html));
    }

    [GeneratedRegex("""<a\s[^>]*href\s*=\s*['"]([^'"]+)['"][^>]*>(.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("""(href\s*=\s*['"])([^'"]+)(['"])""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>Links become "text (url)" so the text part still carries them; other tags are dropped.</summary>
    internal static string ToText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(Link().Replace(html, m => $"{m.Groups[2].Value} ({m.Groups[1].Value})"), ""));

    /// <summary>Every absolute http(s) link keeps its path (less the app's path base) and query under <paramref name="publicUrl"/>.</summary>
    internal static string OntoPublicUrl(string html, string publicUrl, PathString pathBase) => Href().Replace(html, m =>
    {
        if (!Uri.TryCreate(WebUtility.HtmlDecode(m.Groups[2].Value), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return m.Value;
        var path = new PathString(uri.AbsolutePath);
        if (pathBase.HasValue && path.StartsWithSegments(pathBase, out var rest)) path = rest;
        var rebased = publicUrl.TrimEnd('/') + path + uri.Query;
        return m.Groups[1].Value + WebUtility.HtmlEncode(rebased) + m.Groups[3].Value;
    });
}
