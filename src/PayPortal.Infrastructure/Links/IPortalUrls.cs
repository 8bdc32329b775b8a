namespace PayPortal.Infrastructure.Links;

/// <summary>
/// Absolute links into the portal and the back office, for emails, PDFs and Stripe, wherever they are written
/// (a page, a background job, the CLI). The only place that knows the web app's routes.
/// </summary>
public interface IPortalUrls
{
    /// <summary>The customer's invoice page.</summary>
    string Invoice(long invoiceId);

    /// <summary>The pay page with these invoices ticked.</summary>
    string Pay(IEnumerable<long> invoiceIds);

    /// <summary>The customer's statement page.</summary>
    string Statement();

    string Dispute(long disputeId);
    string Plan(long planId);
    string BackOfficeDispute(long disputeId);
    string BackOfficePlan(long planId);

    /// <summary>Where Stripe Checkout sends the customer after paying, with Stripe's placeholder for the session id it fills in.</summary>
    string CheckoutReturn(long portalPaymentId);

    /// <summary>Where Stripe Checkout sends the customer who cancelled.</summary>
    string CheckoutCancelled(long portalPaymentId);

    /// <summary>The emailed invitation link: an invited account chooses its first password there.</summary>
    string AcceptInvitation(string userId, string code);
}
