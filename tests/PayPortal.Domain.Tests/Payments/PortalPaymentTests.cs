using PayPortal.Domain;
using PayPortal.Domain.Payments;

namespace PayPortal.Domain.Tests.Payments;

/// <summary>A portal payment's states: pending → processing → succeeded or failed; pending → expired or cancelled; Stripe's word on money always wins.</summary>
public class PortalPaymentTests
{
    private static readonly DateTime At = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    private static PortalPayment Pending()
    {
        var payment = new PortalPayment { Id = 7, CurrencyCode = "USD", AmountMinor = 100_00 };
        payment.OpenedCheckout("cs_1");
        return payment;
    }

    [Fact]
    public void A_card_payment_succeeds_from_pending_and_is_final()
    {
        var payment = Pending();
        payment.Succeeded(42, "pi_1", PaymentMethod.Card, At);
        Assert.Equal((PortalPaymentStatus.Succeeded, 42L, "pi_1", PaymentMethod.Card, At), (payment.Status, payment.PaymentId!.Value, payment.PaymentIntentId, payment.Method!.Value, payment.CompletedAt!.Value));
        Assert.Throws<DomainRefusal>(() => payment.Succeeded(43, "pi_1", PaymentMethod.Card, At));
        Assert.Throws<DomainRefusal>(() => payment.Failed("late bounce", At));
        Assert.Throws<DomainRefusal>(() => payment.Cancelled(At));
        Assert.Throws<DomainRefusal>(() => payment.Expired(At));
        Assert.Equal(PortalPaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void A_bank_debit_processes_then_clears_or_bounces()
    {
        var clears = Pending();
        clears.StartedProcessing("pi_2", PaymentMethod.UsBankAccount);
        Assert.Throws<DomainRefusal>(() => clears.StartedProcessing("pi_2", PaymentMethod.UsBankAccount));
        Assert.Throws<DomainRefusal>(() => clears.Cancelled(At));
        clears.Succeeded(9, null, null, At);
        Assert.Equal((PortalPaymentStatus.Succeeded, PaymentMethod.UsBankAccount, "pi_2"), (clears.Status, clears.Method!.Value, clears.PaymentIntentId));

        var bounces = Pending();
        bounces.StartedProcessing("pi_3", PaymentMethod.UsBankAccount);
        bounces.Failed("The bank debit failed.", At);
        Assert.Equal((PortalPaymentStatus.Failed, "The bank debit failed."), (bounces.Status, bounces.FailureMessage));
        Assert.Throws<DomainRefusal>(() => bounces.Succeeded(10, null, null, At));
    }

    [Fact]
    public void A_decline_is_recorded_and_the_payment_stays_open_for_another_try()
    {
        var payment = Pending();
        payment.Declined("Your card was declined.", "pi_4");
        Assert.Equal((PortalPaymentStatus.Pending, "Your card was declined.", "pi_4"), (payment.Status, payment.FailureMessage, payment.PaymentIntentId));
        payment.Succeeded(11, "pi_4", PaymentMethod.Card, At);
        Assert.Null(payment.FailureMessage);
    }

    [Fact]
    public void An_abandoned_checkout_expires_a_cancel_explains_the_expiry_and_money_stripe_confirms_still_counts()
    {
        var expired = Pending();
        expired.Expired(At);
        Assert.Equal(PortalPaymentStatus.Expired, expired.Status);
        expired.Cancelled(At);
        Assert.Equal(PortalPaymentStatus.Cancelled, expired.Status);
        Assert.Throws<DomainRefusal>(() => expired.Expired(At));
        // Paid a moment before the cancel reached Stripe: the money is applied, never lost.
        expired.Succeeded(12, "pi_5", PaymentMethod.Card, At);
        Assert.Equal(PortalPaymentStatus.Succeeded, expired.Status);
    }

    [Fact]
    public void A_checkout_is_opened_once()
    {
        var payment = Pending();
        payment.OpenedCheckout("cs_1");
        Assert.Throws<DomainRefusal>(() => payment.OpenedCheckout("cs_other"));
        payment.Cancelled(At);
        Assert.Throws<DomainRefusal>(() => payment.OpenedCheckout("cs_1"));
    }
}
