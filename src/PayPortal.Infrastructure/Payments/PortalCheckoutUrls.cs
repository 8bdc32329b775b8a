using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Payments;

/// <summary>The checkout return page on the portal's public address (never the request's host).</summary>
public sealed class PortalCheckoutUrls(IOptions<PortalLinkOptions> options) : IPortalCheckoutUrls
{
    private string Base => options.Value.PublicUrl.TrimEnd('/');

    public string CheckoutReturn(long portalPaymentId) => $"{Base}/Portal/Pay/Return?payment={portalPaymentId}&session_id={{CHECKOUT_SESSION_ID}}";

    public string CheckoutCancelled(long portalPaymentId) => $"{Base}/Portal/Pay/Return?payment={portalPaymentId}&cancelled=True";
}
