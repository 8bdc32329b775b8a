using Microsoft.Extensions.Options;

namespace PayPortal.Infrastructure.Notices;

public sealed class PortalLinkOptions
{
    /// <summary>The portal's public address, for links in emails sent by background jobs and workflows.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

/// <summary>Absolute links into the portal and back office for emails, wherever they are written (web, CLI, background).</summary>
public sealed class PortalLinks(IOptions<PortalLinkOptions> options)
{
    public string To(string path) => options.Value.PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    public string PortalDispute(long id) => To($"/Portal/Disputes/Details/{id}");
    public string PortalPlan(long id) => To($"/Portal/Plans/Details/{id}");
    public string BackOfficePlan(long id) => To($"/BackOffice/Plans/Details/{id}");
    public string BackOfficeDispute(long id) => To($"/BackOffice/Disputes/Details/{id}");
}
