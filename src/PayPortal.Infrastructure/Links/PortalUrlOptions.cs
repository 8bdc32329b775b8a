using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Links;

public sealed class PortalUrlOptions
{
    public const string Section = "PayPortal";

    /// <summary>The portal's public address, the base of every link in emails, PDFs and Stripe redirects.</summary>
    [Required, Url] public string PublicUrl { get; set; } = "http://localhost:5080";
}
