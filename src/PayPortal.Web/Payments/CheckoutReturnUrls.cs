using Microsoft.AspNetCore.Mvc;

namespace PayPortal.Web.Payments;

/// <summary>Where Stripe Checkout sends the customer back, for every page that starts a checkout.</summary>
public static class CheckoutReturnUrls
{
    /// <summary>The return page, with Stripe's placeholder for the session id it fills in.</summary>
    public static string CheckoutSucceeded(this IUrlHelper url, HttpRequest request, long paymentId) =>
        url.Page("/Pay/Return", null, new { area = "Portal", payment = paymentId }, request.Scheme)! + "&session_id={CHECKOUT_SESSION_ID}";

    public static string CheckoutCancelled(this IUrlHelper url, HttpRequest request, long paymentId) =>
        url.Page("/Pay/Return", null, new { area = "Portal", payment = paymentId, cancelled = true }, request.Scheme)!;
}
