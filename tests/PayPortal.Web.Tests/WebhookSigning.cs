using System.Globalization;
using System.Text;

namespace PayPortal.Web.Tests;

/// <summary>Signs a webhook body as Stripe does, with Stripe.net's own signature function.</summary>
public static class WebhookSigning
{
    public static string Header(byte[] body, string secret, long timestamp)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = global::Stripe.EventUtility.ComputeSignature(secret, t, Encoding.UTF8.GetString(body));
        return $"t={t},v1={signature}";
    }
}
