using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Adapters.Stripe;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments;

/// <summary>What the customer's return page shows: the payment as it stands, and the checkout's state at Stripe while it is unfinished.</summary>
public sealed record CheckoutReturn(PortalPayment Payment, string? CheckoutStatus, string? Problem);

/// <summary>
/// Paying invoices online, from the customer's side: a Checkout Session is opened for what they chose
/// (validated by the domain's rules) with an idempotency key per portal payment, credits alone settle
/// at once, and a cancel expires the session at Stripe. Money is applied only when a signed Stripe
/// event says it arrived (<see cref="StripeEventProcessor"/>).
/// </summary>
public sealed class PortalCheckouts(PayPortalDbContext db, IStripeClient stripe, InvoiceSettlement settlement, IOptions<StripeOptions> options, IPortalUrls urls,
    TimeProvider clock, ILogger<PortalCheckouts> logger)
{
    public const string MetadataKey = "portal_payment_id";

    private static readonly List<string> MethodTypes = ["card", "us_bank_account"];

    private bool IsTestMoney => !options.Value.IsLive;

    /// <summary>
    /// Starts paying what the customer chose. With <paramref name="useCredits"/> their credit memos go on
    /// the invoices first (oldest due first) and only the rest is charged; when credit covers it all,
    /// it is settled at once and no checkout is needed. The result names the portal payment and, when
    /// there is one, Stripe's checkout page as where the customer goes next.
    /// </summary>
    public async Task<StepResult> StartCheckoutAsync(long customerId, string contactUserId, IReadOnlyList<PaymentRequestLine> requested, bool useCredits, CancellationToken ct = default)
    {
        var ids = requested.Select(r => r.InvoiceId).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var inProgress = await PaymentsInProgress.InvoiceIdsAsync(db, customerId, ct);
        var lines = PaymentSelection.Validate(requested, invoices, clock.Today(), out var errors, inProgress);
        if (errors.Count > 0) return StepResult.Fail(errors);
        var currency = lines[0].Amount.Currency;
        if (useCredits) lines = PaymentSelection.UseCredits(lines, await settlement.AvailableCreditAsync(customerId, currency, ct));

        var payment = new PortalPayment
        {
            CustomerId = customerId, ContactUserId = contactUserId, CurrencyCode = currency.Code,
            AmountMinor = lines.Sum(l => l.Amount.Minor), IsTest = IsTestMoney, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Lines = lines.Select(l => new PortalPaymentLine
            {
                InvoiceId = l.Invoice.Id, InvoiceNumber = l.Invoice.Number!, AmountMinor = l.Amount.Minor, DiscountMinor = l.Discount.Minor, CreditMinor = l.CreditMinor,
            }).ToList(),
        };
        if (payment.AmountMinor == 0) return await SettleWithCreditsAsync(payment, ct);
        return await OpenCheckoutAsync(payment, ct);
    }

    /// <summary>
    /// Starts paying the next installment of an active plan: what is due on it now, spread over the
    /// plan's invoices oldest due first (partial payments allowed whatever the invoice says: the plan
    /// agreed to them). The money is applied when Stripe confirms it, like any portal payment.
    /// </summary>
    public async Task<StepResult> StartInstallmentCheckoutAsync(long customerId, string contactUserId, long planId, CancellationToken ct = default)
    {
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).Include(p => p.Invoices)
            .SingleOrDefaultAsync(p => p.Id == planId && p.CustomerId == customerId, ct);
        if (plan is null) return StepResult.Fail("No such payment plan.");
        if (plan.Status != Domain.Plans.PlanStatus.Active) return StepResult.Fail($"The plan is {plan.Status.ToString().ToLowerInvariant()}; only an active plan's installments are paid here.");
        if (await PaymentsInProgress.ForPlanAsync(db, plan.Id, ct)) return StepResult.Fail("Your last installment payment is still in progress; the next one can be paid once it clears.");
        var invoiceIds = plan.Invoices.Select(i => i.InvoiceId).ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToListAsync(ct);
        var due = plan.NextDue(invoices.Sum(i => i.OpenMinor));
        if (due is null) return StepResult.Fail("Every installment of this plan is paid.");

        var left = due.Value.DueMinor;
        var lines = new List<PortalPaymentLine>();
        foreach (var invoice in invoices.Where(i => i.CanReceiveMoney))
        {
            var amount = Math.Min(left, invoice.OpenMinor);
            if (amount <= 0) break;
            lines.Add(new PortalPaymentLine { InvoiceId = invoice.Id, InvoiceNumber = invoice.Number!, AmountMinor = amount });
            left -= amount;
        }
        var payment = new PortalPayment
        {
            CustomerId = customerId, ContactUserId = contactUserId, CurrencyCode = plan.CurrencyCode, PaymentPlanId = plan.Id,
            AmountMinor = lines.Sum(l => l.AmountMinor), IsTest = IsTestMoney, CreatedAt = clock.GetUtcNow().UtcDateTime, Lines = lines,
        };
        return await OpenCheckoutAsync(payment, ct);
    }

    private async Task<StepResult> OpenCheckoutAsync(PortalPayment payment, CancellationToken ct)
    {
        // Saved before calling Stripe (never hold a transaction across the call): the id names the checkout.
        db.PortalPayments.Add(payment);
        await db.SaveChangesAsync(ct);

        var metadata = new Dictionary<string, string> { [MetadataKey] = payment.Id.ToString(CultureInfo.InvariantCulture) };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            AllowedPaymentMethodTypes = MethodTypes,
            LineItems = payment.Lines.Where(l => l.AmountMinor > 0).Select(l => new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = payment.CurrencyCode.ToLowerInvariant(), UnitAmount = l.AmountMinor,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = LineItemName(l) },
                },
            }).ToList(),
            ClientReferenceId = payment.Id.ToString(CultureInfo.InvariantCulture),
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            SuccessUrl = urls.CheckoutReturn(payment.Id),
            CancelUrl = urls.CheckoutCancelled(payment.Id),
        };
        Session session;
        try
        {
            session = await new SessionService(stripe).CreateAsync(create, new RequestOptions { IdempotencyKey = $"portal-payment-{payment.Id}" }, ct);
        }
        catch (Exception ex) when (StripeErrors.IsStripeFailure(ex, ct))
        {
            logger.LogError(ex, "Stripe refused checkout for portal payment {Id} (Stripe request {RequestId}): {Type} {Code} {Message}",
                payment.Id, StripeErrors.RequestId(ex), (ex as StripeException)?.StripeError?.Type, (ex as StripeException)?.StripeError?.Code, ex.Message);
            var message = StripeErrors.ForCustomer(ex);
            payment.Failed(message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return StepResult.Fail(message);
        }
        payment.OpenedCheckout(session.Id);
        await db.SaveChangesAsync(ct);
        return StepResult.Done($"Checkout {session.Id} opened for {payment.Amount}.", payment.Id) with { Next = session.Url };
    }

    private static string LineItemName(PortalPaymentLine line)
    {
        var less = new List<string>();
        if (line.CreditMinor > 0) less.Add("your credit");
        if (line.DiscountMinor > 0) less.Add("early-payment discount");
        return less.Count == 0 ? $"Invoice {line.InvoiceNumber}" : $"Invoice {line.InvoiceNumber} (after {string.Join(" and ", less)})";
    }

    /// <summary>Credits alone settle the selection: applied now, in one save, with no charge.</summary>
    private async Task<StepResult> SettleWithCreditsAsync(PortalPayment portal, CancellationToken ct)
    {
        if (await settlement.SettleAsync(portal, null, clock.GetUtcNow().UtcDateTime, ct) > 0)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail("Your available credit changed a moment ago; nothing was applied. Please try again.");
        }
        portal.IsTest = false; // no money moved, test or otherwise
        portal.Succeeded(null, null, null, clock.GetUtcNow().UtcDateTime);
        db.PortalPayments.Add(portal);
        try
        {
            using (db.Audit.Begin("portal.pay.credits")) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail("Your invoices or credits changed at the same moment; nothing was applied. Please try again.");
        }
        return StepResult.Done("Your credit settled these invoices.", portal.Id);
    }

    /// <summary>
    /// The customer's return from Stripe: the payment as it stands and, while it is unfinished, the
    /// session's state at Stripe. Stripe being down is said, never thrown.
    /// </summary>
    public async Task<CheckoutReturn?> ReturnAsync(long customerId, long portalPaymentId, CancellationToken ct = default)
    {
        var payment = await db.PortalPayments.Include(p => p.Lines).AsNoTracking().SingleOrDefaultAsync(p => p.Id == portalPaymentId && p.CustomerId == customerId, ct);
        if (payment is null) return null;
        if (payment.Status != PortalPaymentStatus.Pending || payment.CheckoutSessionId is null) return new(payment, null, null);
        try
        {
            var session = await new SessionService(stripe).GetAsync(payment.CheckoutSessionId, cancellationToken: ct);
            return new(payment, session.Status, null);
        }
        catch (Exception ex) when (StripeErrors.IsStripeFailure(ex, ct))
        {
            logger.LogWarning(ex, "Could not read checkout {Session} from Stripe (request {RequestId})", payment.CheckoutSessionId, StripeErrors.RequestId(ex));
            return new(payment, null, "We could not reach our payment provider to check this payment; refresh in a moment.");
        }
    }

    /// <summary>
    /// The customer cancelled on Stripe's page: the session is expired at Stripe (so it can no longer be
    /// paid) and the payment is cancelled. A session that completed meanwhile is left to its webhook.
    /// </summary>
    public async Task<CheckoutReturn?> CancelAsync(long customerId, long portalPaymentId, CancellationToken ct = default)
    {
        var payment = await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == portalPaymentId && p.CustomerId == customerId, ct);
        if (payment is null) return null;
        if (payment.Status != PortalPaymentStatus.Pending || payment.CheckoutSessionId is null) return new(payment, null, null);
        try
        {
            await new SessionService(stripe).ExpireAsync(payment.CheckoutSessionId, null, new RequestOptions { IdempotencyKey = $"portal-payment-{payment.Id}-expire" }, ct);
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "invalid_request_error" && (int)ex.HttpStatusCode == 400)
        {
            // Not open any more: it completed (its webhook applies the money) or it expired already.
            var session = await TryGetSessionAsync(payment.CheckoutSessionId, ct);
            if (session?.Status != "expired") return new(payment, session?.Status, null);
        }
        catch (Exception ex) when (StripeErrors.IsStripeFailure(ex, ct))
        {
            logger.LogWarning(ex, "Could not expire checkout {Session} at Stripe (request {RequestId})", payment.CheckoutSessionId, StripeErrors.RequestId(ex));
            return new(payment, null, "We could not reach our payment provider to cancel; the payment page expires by itself within a day, and nothing is charged unless you pay.");
        }
        // The session can no longer take money. Its expiry webhook may be landing now: decide under the write lock.
        db.ChangeTracker.Clear();
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            payment = await db.PortalPayments.Include(p => p.Lines).SingleAsync(p => p.Id == portalPaymentId, ct);
            if (payment.Status is PortalPaymentStatus.Pending or PortalPaymentStatus.Expired)
            {
                payment.Cancelled(clock.GetUtcNow().UtcDateTime);
                using (db.Audit.Begin("portal.pay.cancel")) await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        return new(payment, "expired", null);
    }

    private async Task<Session?> TryGetSessionAsync(string id, CancellationToken ct)
    {
        try
        {
            return await new SessionService(stripe).GetAsync(id, cancellationToken: ct);
        }
        catch (Exception ex) when (StripeErrors.IsStripeFailure(ex, ct))
        {
            return null;
        }
    }
}
