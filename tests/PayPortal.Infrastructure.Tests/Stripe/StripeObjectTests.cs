using System.Text.Json;
using PayPortal.Infrastructure.Stripe;

namespace PayPortal.Infrastructure.Tests.Stripe;

/// <summary>Stripe's own example objects (stripe/openapi fixtures, dj-stripe fixtures) parse into our types.</summary>
public class StripeObjectTests
{
    private static T Fixture<T>(params string[] path) => JsonSerializer.Deserialize<T>(SharedTestData.Text(["stripe", .. path]), StripeClient.Json)!;

    [CorpusFact]
    public void Checkout_session_fixture()
    {
        var session = Fixture<CheckoutSession>("openapi-fixtures", "checkout.session.json");
        Assert.Equal(("cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY", "open", "unpaid", (long?)null, (string?)null),
            (session.Id, session.Status, session.PaymentStatus, session.AmountTotal, session.Currency));
    }

    [CorpusFact]
    public void Payment_intent_charge_refund_and_dispute_fixtures()
    {
        var intent = Fixture<PaymentIntent>("openapi-fixtures", "payment_intent.json");
        Assert.Equal(("pi_1PgafyB7WZ01zgkWSjxsAJo3", 1099L, 0L, "usd", "requires_payment_method"), (intent.Id, intent.Amount, intent.AmountReceived, intent.Currency, intent.Status));
        var charge = Fixture<Charge>("openapi-fixtures", "charge.json");
        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", 100L, 0L, "succeeded", true, false), (charge.Id, charge.Amount, charge.AmountRefunded, charge.Status, charge.Paid, charge.Refunded));
        var refund = Fixture<Refund>("openapi-fixtures", "refund.json");
        Assert.Equal(("re_1Pgc72B7WZ01zgkWqPvrRrPE", 100L, "succeeded"), (refund.Id, refund.Amount, refund.Status));
        var dispute = Fixture<Dispute>("openapi-fixtures", "dispute.json");
        Assert.Equal(("dp_1Pgc71B7WZ01zgkWMevJiAUx", 1000L, "warning_needs_response"), (dispute.Id, dispute.Amount, dispute.Status));
    }

    [CorpusFact]
    public void Dj_stripe_linked_payment_intent_and_charge()
    {
        var intent = Fixture<PaymentIntent>("dj-stripe-fixtures", "payment_intent_pi_fakefakefakefakefake0001.json");
        Assert.Equal((2000L, "usd", "succeeded"), (intent.Amount, intent.Currency, intent.Status));
        var charge = Fixture<Charge>("dj-stripe-fixtures", "charge_ch_fakefakefakefakefake0001.json");
        Assert.Equal((2000L, 0L, true), (charge.Amount, charge.AmountRefunded, charge.Paid));
        Assert.Equal("pi_fakefakefakefakefake0001", charge.PaymentIntent!.Value.GetString());
    }

    [CorpusFact]
    public void Event_fixture_parses_as_an_event()
    {
        var e = StripeEvent.Parse(SharedTestData.Text("stripe", "openapi-fixtures", "event.json"));
        Assert.Equal(("evt_1Pgc76B7WZ01zgkWwyRHS12y", "plan.created"), (e.Id, e.Type));
    }
}
