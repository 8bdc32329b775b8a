using Microsoft.Extensions.Options;

namespace PayPortal.Infrastructure.Links;

/// <summary>
/// The portal's routes under <see cref="PortalUrlOptions.PublicUrl"/>, the same for the web app and the CLI (which has
/// no request to take a host from). The web app's tests request each of these paths, so a renamed page fails there.
/// </summary>
public sealed class PortalUrls(IOptions<PortalUrlOptions> options) : IPortalUrls
{
    public string Invoice(long invoiceId) => To($"/Portal/Invoices/Details/{invoiceId}");
    public string Pay(IEnumerable<long> invoiceIds) => To("/Portal/Pay?" + string.Join('&', invoiceIds.Select(id => $"invoice={id}")));
    public string Statement() => To("/Portal/Statement");
    public string Dispute(long disputeId) => To($"/Portal/Disputes/Details/{disputeId}");
    public string Plan(long planId) => To($"/Portal/Plans/Details/{planId}");
    public string BackOfficeDispute(long disputeId) => To($"/BackOffice/Disputes/Details/{disputeId}");
    public string BackOfficePlan(long planId) => To($"/BackOffice/Plans/Details/{planId}");
    public string CheckoutReturn(long portalPaymentId) => To($"/Portal/Pay/Return?payment={portalPaymentId}") + "&session_id={CHECKOUT_SESSION_ID}";
    public string CheckoutCancelled(long portalPaymentId) => To($"/Portal/Pay/Return?payment={portalPaymentId}&cancelled=True");
    public string AcceptInvitation(string userId, string code) =>
        To($"/Identity/Account/AcceptInvitation?userId={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}");

    private string To(string path) => options.Value.PublicUrl.TrimEnd('/') + path;
}
