using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Email;
using PayPortal.Infrastructure.Pdf;
using PayPortal.Infrastructure.Stripe;
using Charge = PayPortal.Infrastructure.Stripe.Charge;
using PaymentIntent = PayPortal.Infrastructure.Stripe.PaymentIntent;

namespace PayPortal.Infrastructure.Payments;

public sealed record CheckoutStart(PortalPayment? Payment, string? CheckoutUrl, IReadOnlyList<string> Errors);

/// <summary>
/// Paying invoices online: a checkout is started for what the customer chose (validated by the
/// domain's rules), and the money is applied only when a signed Stripe event says it arrived. Each
/// event is handled once, inside one transaction with the ledger postings it causes.
/// </summary>
public sealed class OnlinePayments(PayPortalDbContext db, StripeClient stripe, IOptions<StripeOptions> options, IOptions<CompanyOptions> company, Receipts receipts, OutboxSignal outbox, TimeProvider clock, ILogger<OnlinePayments> logger)
{
    /// <summary>Without a secret key PayPortal pays into its built-in sandbox: test money.</summary>
    private bool IsSandbox => options.Value.UsesSandbox;

    public const string MetadataKey = "portal_payment_id";

    /// <summary>
    /// Starts paying what the customer chose. With <paramref name="useCredits"/> their credit memos go on
    /// the invoices first (oldest due first) and only the rest is charged; when credit covers it all,
    /// it is settled at once and no checkout is needed (the result then has no checkout URL).
    /// </summary>
    public async Task<CheckoutStart> StartCheckoutAsync(long customerId, string contactUserId, IReadOnlyList<PaymentRequestLine> requested, bool useCredits,
        Func<long, string> successUrl, Func<long, string> cancelUrl, CancellationToken ct = default)
    {
        var ids = requested.Select(r => r.InvoiceId).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var lines = PaymentSelection.Validate(requested, invoices, clock.Today(), out var errors);
        if (errors.Count > 0) return new(null, null, errors);
        var currency = lines[0].Amount.Currency;
        if (useCredits) lines = PaymentSelection.UseCredits(lines, await AvailableCreditAsync(customerId, currency, ct));

        var payment = new PortalPayment
        {
            CustomerId = customerId, ContactUserId = contactUserId, CurrencyCode = currency.Code,
            AmountMinor = lines.Sum(l => l.Amount.Minor), IsTest = IsSandbox, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Lines = lines.Select(l => new PortalPaymentLine
            {
                InvoiceId = l.Invoice.Id, InvoiceNumber = l.Invoice.Number!, AmountMinor = l.Amount.Minor, DiscountMinor = l.Discount.Minor, CreditMinor = l.CreditMinor,
            }).ToList(),
        };
        if (payment.AmountMinor == 0) return await SettleWithCreditsAsync(payment, ct);

        return await OpenCheckoutAsync(payment, successUrl, cancelUrl, ct);
    }

    /// <summary>
    /// Starts paying the next installment of an active plan: what is due on it now, spread over the
    /// plan's invoices oldest due first (partial payments allowed whatever the invoice says: the plan
    /// agreed to them). The money is applied when Stripe confirms it, like any portal payment.
    /// </summary>
    public async Task<CheckoutStart> StartInstallmentCheckoutAsync(long customerId, string contactUserId, long planId,
        Func<long, string> successUrl, Func<long, string> cancelUrl, CancellationToken ct = default)
    {
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).Include(p => p.Invoices)
            .SingleOrDefaultAsync(p => p.Id == planId && p.CustomerId == customerId, ct);
        if (plan is null) return new(null, null, ["No such payment plan."]);
        if (plan.Status != Domain.Plans.PlanStatus.Active) return new(null, null, [$"The plan is {plan.Status.ToString().ToLowerInvariant()}; only an active plan's installments are paid here."]);
        var invoiceIds = plan.Invoices.Select(i => i.InvoiceId).ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToListAsync(ct);
        var due = plan.NextDue(invoices.Sum(i => i.OpenMinor));
        if (due is null) return new(null, null, ["Every installment of this plan is paid."]);

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
            AmountMinor = lines.Sum(l => l.AmountMinor), IsTest = IsSandbox, CreatedAt = clock.GetUtcNow().UtcDateTime, Lines = lines,
        };
        return await OpenCheckoutAsync(payment, successUrl, cancelUrl, ct);
    }

    private async Task<CheckoutStart> OpenCheckoutAsync(PortalPayment payment, Func<long, string> successUrl, Func<long, string> cancelUrl, CancellationToken ct)
    {
        // Saved before calling Stripe (never hold a transaction across the call): the id names the checkout.
        db.PortalPayments.Add(payment);
        await db.SaveChangesAsync(ct);

        var stripeCurrency = payment.CurrencyCode.ToLowerInvariant();
        var metadata = new Dictionary<string, string> { [MetadataKey] = payment.Id.ToString(CultureInfo.InvariantCulture) };
        CheckoutSession session;
        try
        {
            session = await stripe.CreateCheckoutSessionAsync(
            [
                new("mode", "payment"),
                new("payment_method_types", new[] { "card", "us_bank_account" }),
                new("line_items", payment.Lines.Where(l => l.AmountMinor > 0).Select(l => new Dictionary<string, object?>
                {
                    ["quantity"] = 1,
                    ["price_data"] = new Dictionary<string, object?>
                    {
                        ["currency"] = stripeCurrency,
                        ["unit_amount"] = l.AmountMinor,
                        ["product_data"] = new Dictionary<string, object?> { ["name"] = LineItemName(l) },
                    },
                }).ToList()),
                new("client_reference_id", payment.Id.ToString(CultureInfo.InvariantCulture)),
                new("metadata", metadata),
                new("payment_intent_data", new Dictionary<string, object?> { ["metadata"] = metadata }),
                new("success_url", successUrl(payment.Id)),
                new("cancel_url", cancelUrl(payment.Id)),
            ], idempotencyKey: $"portal-payment-{payment.Id}", ct);
        }
        catch (StripeApiException ex)
        {
            logger.LogError(ex, "Stripe refused checkout for portal payment {Id}", payment.Id);
            payment.Status = PortalPaymentStatus.Failed;
            payment.FailureMessage = "The payment page could not be opened. Nothing was charged; please try again.";
            await db.SaveChangesAsync(ct);
            return new(null, null, [payment.FailureMessage]);
        }
        payment.CheckoutSessionId = session.Id;
        await db.SaveChangesAsync(ct);
        return new(payment, session.Url, []);
    }

    private static string LineItemName(PortalPaymentLine line)
    {
        var less = new List<string>();
        if (line.CreditMinor > 0) less.Add("your credit");
        if (line.DiscountMinor > 0) less.Add("early-payment discount");
        return less.Count == 0 ? $"Invoice {line.InvoiceNumber}" : $"Invoice {line.InvoiceNumber} (after {string.Join(" and ", less)})";
    }

    /// <summary>
    /// The customer's credit memos not yet applied, in one currency, less what checkouts still under way
    /// will put on their invoices (a bank debit can take days; an unfinished checkout expires after a day).
    /// </summary>
    public async Task<Money> AvailableCreditAsync(long customerId, Currency currency, CancellationToken ct = default)
    {
        var unapplied = await db.CreditMemos.Where(m => m.CustomerId == customerId && m.IsIssued && m.CurrencyCode == currency.Code).SumAsync(m => m.UnappliedMinor, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var reserved = await db.PortalPayments
            .Where(p => p.CustomerId == customerId && p.CurrencyCode == currency.Code
                        && (p.Status == PortalPaymentStatus.Processing || p.Status == PortalPaymentStatus.Pending && p.CreatedAt >= since))
            .SelectMany(p => p.Lines).SumAsync(l => l.CreditMinor, ct);
        return new(Math.Max(0, unapplied - reserved), currency);
    }

    /// <summary>Credits alone settle the selection: applied now, in one save, with no charge.</summary>
    private async Task<CheckoutStart> SettleWithCreditsAsync(PortalPayment portal, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var invoiceIds = portal.Lines.Select(l => l.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var line in portal.Lines)
        {
            if (await SettleLineAsync(line, invoices[line.InvoiceId], null, clock.Today(), now, ct) > 0)
            {
                db.ChangeTracker.Clear();
                return new(null, null, ["Your available credit changed a moment ago; nothing was applied. Please try again."]);
            }
        }
        portal.Status = PortalPaymentStatus.Succeeded;
        portal.IsTest = false; // no money moved, test or otherwise
        portal.CompletedAt = now;
        db.PortalPayments.Add(portal);
        try
        {
            using (db.Audit.Begin("portal.pay.credits")) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, null, ["Your invoices or credits changed at the same moment; nothing was applied. Please try again."]);
        }
        return new(portal, null, []);
    }

    /// <summary>
    /// Puts one chosen line on its invoice: the early-payment discount (if still earned), then the
    /// customer's credit memos (oldest first), then the cash. What can no longer be placed because the
    /// invoice was settled otherwise meanwhile stays unapplied: never lost.
    /// </summary>
    /// <returns>The part of the line's credit that could not be placed (credit used up elsewhere meanwhile).</returns>
    private async Task<long> SettleLineAsync(PortalPaymentLine line, Domain.Invoicing.Invoice invoice, Payment? payment, DateOnly today, DateTime now, CancellationToken ct)
    {
        if (line.DiscountMinor > 0 && invoice.EarlyPaymentDiscountOn(today).Minor >= line.DiscountMinor)
        {
            var discountAmount = new Money(line.DiscountMinor, invoice.Currency);
            var (discount, discountJournal) = payment is null
                ? Postings.AllowDiscountSettledByCredit(invoice, discountAmount, today, now)
                : Postings.AllowDiscount(invoice, payment, discountAmount, now);
            db.Allocations.Add(discount);
            db.Journals.Add(discountJournal);
        }
        var creditLeft = line.CreditMinor;
        if (creditLeft > 0)
        {
            var memos = await db.CreditMemos.Where(m => m.CustomerId == invoice.CustomerId && m.IsIssued && m.CurrencyCode == invoice.CurrencyCode && m.UnappliedMinor > 0)
                .OrderBy(m => m.IssueDate).ThenBy(m => m.Id).ToListAsync(ct);
            foreach (var memo in memos.Where(m => m.UnappliedMinor > 0))
            {
                var amount = Math.Min(creditLeft, Math.Min(memo.UnappliedMinor, invoice.CanReceiveMoney ? invoice.OpenMinor : 0));
                if (amount <= 0) break;
                var (allocation, journal) = Postings.ApplyCredit(memo, invoice, new Money(amount, invoice.Currency), today, now);
                db.Allocations.Add(allocation);
                db.Journals.Add(journal);
                creditLeft -= amount;
            }
        }
        if (payment is null) return creditLeft;
        var apply = invoice.CanReceiveMoney ? Math.Min(line.AmountMinor, Math.Min(invoice.OpenMinor, payment.UnappliedMinor)) : 0;
        if (apply <= 0) return creditLeft;
        var (cash, cashJournal) = Postings.Allocate(payment, invoice, new Money(apply, invoice.Currency), today, now, "portal");
        db.Allocations.Add(cash);
        db.Journals.Add(cashJournal);
        return creditLeft;
    }

    /// <summary>Handles one verified webhook event; a redelivery of an event already handled changes nothing.</summary>
    public async Task<string> ApplyEventAsync(StripeEvent stripeEvent, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // BEGIN IMMEDIATE: parallel deliveries of one event queue here instead of both reading "not seen yet".
            await using var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(IsolationLevel.Serializable, deferred: false);
            await db.Database.UseTransactionAsync(transaction, ct);
            if (await db.StripeEvents.AnyAsync(e => e.EventId == stripeEvent.Id, ct)) return "duplicate: already handled";

            var outcome = stripeEvent.Type switch
            {
                "checkout.session.completed" => await OnCheckoutCompleted(stripeEvent.ObjectAs<CheckoutSession>(), ct),
                "checkout.session.async_payment_succeeded" => await OnPaid(stripeEvent.ObjectAs<CheckoutSession>(), ct),
                "checkout.session.async_payment_failed" => OnFailed(await FindBySession(stripeEvent.ObjectAs<CheckoutSession>(), ct), "The bank debit failed."),
                "payment_intent.payment_failed" => await OnIntentFailed(stripeEvent.ObjectAs<PaymentIntent>(), ct),
                "charge.refunded" => await OnChargeRefunded(stripeEvent.ObjectAs<Charge>(), ct),
                "charge.dispute.created" => await OnChargeback(stripeEvent.ObjectAs<Dispute>(), ct),
                "charge.dispute.closed" => await OnChargebackClosed(stripeEvent.ObjectAs<Dispute>(), ct),
                _ => $"ignored: {stripeEvent.Type} is not handled",
            };
            db.StripeEvents.Add(new StripeEventRecord { EventId = stripeEvent.Id, Type = stripeEvent.Type, ReceivedAt = clock.GetUtcNow().UtcDateTime, Outcome = outcome });
            using (db.Audit.Begin($"stripe.{stripeEvent.Type}")) await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            outbox.Notify();
            logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
            return outcome;
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, ct);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<PortalPayment?> FindBySession(CheckoutSession session, CancellationToken ct) =>
        long.TryParse(session.Metadata?.GetValueOrDefault(MetadataKey), out var id)
            ? await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == id && p.CheckoutSessionId == session.Id, ct)
            : await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.CheckoutSessionId == session.Id, ct);

    private async Task<string> OnCheckoutCompleted(CheckoutSession session, CancellationToken ct)
    {
        if (session.PaymentStatus is "paid") return await OnPaid(session, ct);
        var payment = await FindBySession(session, ct);
        if (payment is null) return $"ignored: unknown checkout session {session.Id}";
        if (payment.Status != PortalPaymentStatus.Pending) return $"no change: portal payment {payment.Id} is {payment.Status}";
        payment.Status = PortalPaymentStatus.Processing;
        payment.PaymentIntentId = session.PaymentIntentId;
        payment.Method = PaymentMethod.UsBankAccount;
        return $"portal payment {payment.Id} is processing (bank debit)";
    }

    private async Task<string> OnPaid(CheckoutSession session, CancellationToken ct)
    {
        var portal = await FindBySession(session, ct);
        if (portal is null) return $"ignored: unknown checkout session {session.Id}";
        if (portal.Status == PortalPaymentStatus.Succeeded) return $"no change: portal payment {portal.Id} already applied";
        if (session.AmountTotal is { } total && (total != portal.AmountMinor || !string.Equals(session.Currency, portal.CurrencyCode, StringComparison.OrdinalIgnoreCase)))
            return $"refused: session {session.Id} is for {total} {session.Currency}, portal payment {portal.Id} for {portal.AmountMinor} {portal.CurrencyCode}";

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customer = await db.Customers.SingleAsync(c => c.Id == portal.CustomerId, ct);
        var method = portal.Method ?? PaymentMethod.Card;
        var payment = new Payment(customer, portal.Amount, method, today, session.PaymentIntentId ?? session.Id, portal.IsTest);
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, now));

        var invoiceIds = portal.Lines.Select(l => l.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var creditShort = 0L;
        foreach (var line in portal.Lines) creditShort += await SettleLineAsync(line, invoices[line.InvoiceId], payment, today, now, ct);
        if (creditShort > 0)
            portal.FailureMessage = $"{new Money(creditShort, payment.Currency)} of the credit chosen was no longer available, so the invoices still show that much open.";
        await db.SaveChangesAsync(ct);
        await QueueReceiptAsync(portal, payment, customer, ct);
        portal.Status = PortalPaymentStatus.Succeeded;
        portal.PaymentId = payment.Id;
        portal.PaymentIntentId ??= session.PaymentIntentId;
        portal.Method = method;
        portal.CompletedAt = now;
        return $"applied: portal payment {portal.Id} as payment {payment.Id}";
    }

    /// <summary>The receipt email (with its PDF) goes into the outbox in the same transaction as the payment it confirms.</summary>
    private async Task QueueReceiptAsync(PortalPayment portal, Payment payment, Domain.Customers.Customer customer, CancellationToken ct)
    {
        var to = await db.Users.Where(u => u.Id == portal.ContactUserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var receipt = await receipts.ForPaymentAsync(payment.Id, ct: ct);
        if (string.IsNullOrEmpty(to) || receipt is null) return;
        var test = payment.IsTest ? "[TEST] " : "";
        var list = string.Join("\n", receipt.Lines.Select(l => $"  Invoice {l.InvoiceNumber}: {new Money(l.AppliedMinor, payment.Currency)}{(l.DiscountMinor > 0 ? $" (plus {new Money(l.DiscountMinor, payment.Currency)} early-payment discount)" : "")}"));
        db.Outbox.Add(new OutboxMessage
        {
            CustomerId = customer.Id, Kind = "receipt", To = to, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Subject = $"{test}Receipt {receipt.ReceiptNumber}: {payment.Amount} received by {company.Value.Name}",
            TextBody = $"Thank you for your payment of {payment.Amount} received {payment.ReceivedOn:yyyy-MM-dd} ({receipt.Method}).\n\nApplied:\n{list}\n\nYour receipt is attached.{(payment.IsTest ? "\n\nTEST MODE: no real money moved." : "")}\n",
            HtmlBody = $"<p>Thank you for your payment of <strong>{System.Net.WebUtility.HtmlEncode(payment.Amount.ToString())}</strong> received {payment.ReceivedOn:yyyy-MM-dd} ({receipt.Method}).</p>"
                + "<ul>" + string.Concat(receipt.Lines.Select(l => $"<li>Invoice {System.Net.WebUtility.HtmlEncode(l.InvoiceNumber)}: {System.Net.WebUtility.HtmlEncode(new Money(l.AppliedMinor, payment.Currency).ToString())}</li>")) + "</ul>"
                + "<p>Your receipt is attached.</p>" + (payment.IsTest ? "<p><strong>TEST MODE: no real money moved.</strong></p>" : ""),
            Attachments = [new OutboxAttachment { FileName = $"receipt-{receipt.ReceiptNumber}.pdf", ContentType = "application/pdf", Content = ReceiptPdf.Render(receipt) }],
        });
    }

    private async Task<string> OnChargeRefunded(Charge charge, CancellationToken ct)
    {
        var payment = await PaymentFor(charge.PaymentIntent, ct);
        if (payment is null) return $"ignored: charge {charge.Id} is not a portal payment";
        // amount_refunded is cumulative: only what is new since the last refund event is taken back.
        var newly = charge.AmountRefunded - payment.RefundedMinor;
        if (newly <= 0) return $"no change: payment {payment.Id} already shows {payment.RefundedMinor} refunded";
        await TakeBackAsync(payment, newly, "Refunded through Stripe", $"{charge.Id}:refunded:{charge.AmountRefunded}", ct);
        return $"refunded {newly} of payment {payment.Id}";
    }

    /// <summary>
    /// A card dispute: the bank took the money back, so it leaves as a chargeback (the invoices owe it
    /// again), and a chargeback case joins the dispute queue with Stripe's evidence deadline.
    /// </summary>
    private async Task<string> OnChargeback(Dispute dispute, CancellationToken ct)
    {
        var payment = await PaymentFor(dispute.PaymentIntent, ct);
        if (payment is null) return $"ignored: dispute {dispute.Id} is not about a portal payment";
        if (await db.Refunds.AnyAsync(r => r.ExternalReference == dispute.Id, ct)) return $"no change: chargeback {dispute.Id} already recorded";
        var amount = Math.Min(dispute.Amount, payment.AmountMinor - payment.RefundedMinor);
        if (amount <= 0) return $"no change: nothing left on payment {payment.Id} to charge back";
        var reopened = await TakeBackAsync(payment, amount, $"Chargeback: card dispute {dispute.Id} ({dispute.Reason ?? "no reason given"})", dispute.Id, ct);
        // The case is always recorded (its outcome may bring the money back): on the invoice it reopened most,
        // or, when the cash was still unapplied, on the first invoice the customer was paying.
        var invoice = reopened.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault()
            ?? await db.PortalPayments.Where(p => p.PaymentId == payment.Id).SelectMany(p => p.Lines).OrderBy(l => l.Id)
                .Select(l => db.Invoices.Single(i => i.Id == l.InvoiceId)).FirstAsync(ct);
        DateTime? dueBy = dispute.EvidenceDetails?.DueBy is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime : null;
        db.Disputes.Add(Domain.Disputes.Dispute.Chargeback(invoice, new Money(amount, payment.Currency), dispute.Id, dispute.Reason, dueBy, clock.GetUtcNow().UtcDateTime));
        return $"chargeback of {amount} on payment {payment.Id}; its invoices are open again";
    }

    /// <summary>The bank's decision: won brings the money back (received again and put on the invoice it came off), lost leaves the invoice owed.</summary>
    private async Task<string> OnChargebackClosed(Dispute stripeDispute, CancellationToken ct)
    {
        var chargeback = await db.Disputes.Include(d => d.Invoice).ThenInclude(i => i!.Customer)
            .SingleOrDefaultAsync(d => d.StripeDisputeId == stripeDispute.Id, ct);
        if (chargeback is null) return $"ignored: no chargeback recorded for dispute {stripeDispute.Id}";
        if (!chargeback.IsOpen) return $"no change: chargeback {stripeDispute.Id} already {chargeback.Status}";
        var now = clock.GetUtcNow().UtcDateTime;
        var won = stripeDispute.Status == "won";
        chargeback.DecideChargeback(won, now);
        if (!won) return $"chargeback {stripeDispute.Id} lost; invoice {chargeback.Invoice!.Number} stays owed";

        var invoice = chargeback.Invoice!;
        var original = await PaymentFor(stripeDispute.PaymentIntent, ct);
        var returned = new Payment(invoice.Customer!, new Money(chargeback.AmountMinor, invoice.Currency), PaymentMethod.Card, clock.Today(),
            $"{stripeDispute.Id} won", original?.IsTest ?? false);
        db.Payments.Add(returned);
        db.Journals.Add(Postings.ReceivePayment(returned, now));
        var apply = invoice.CanReceiveMoney ? Math.Min(invoice.OpenMinor, returned.AmountMinor) : 0;
        if (apply > 0)
        {
            var (allocation, journal) = Postings.Allocate(returned, invoice, new Money(apply, invoice.Currency), clock.Today(), now, "chargeback won");
            db.Allocations.Add(allocation);
            db.Journals.Add(journal);
        }
        return $"chargeback {stripeDispute.Id} won; {new Money(chargeback.AmountMinor, invoice.Currency)} received again";
    }

    private async Task<Payment?> PaymentFor(System.Text.Json.JsonElement? paymentIntent, CancellationToken ct)
    {
        var intentId = paymentIntent switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.String } s => s.GetString(),
            { ValueKind: System.Text.Json.JsonValueKind.Object } o when o.TryGetProperty("id", out var id) => id.GetString(),
            _ => null,
        };
        if (intentId is null) return null;
        var paymentId = await db.PortalPayments.Where(p => p.PaymentIntentId == intentId && p.PaymentId != null).Select(p => p.PaymentId).FirstOrDefaultAsync(ct);
        return paymentId is null ? null : await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
    }

    /// <summary>
    /// Money Stripe took back: enough of the payment's applications are reversed (newest first) to free
    /// that much cash, any excess of a reversed application is applied again to the same invoice, and
    /// the amount leaves as a refund. So exactly the refunded amount is owed again, nothing more.
    /// </summary>
    private async Task<Dictionary<Domain.Invoicing.Invoice, long>> TakeBackAsync(Payment payment, long amount, string reason, string externalReference, CancellationToken ct)
    {
        var reopened = new Dictionary<Domain.Invoicing.Invoice, long>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var applications = await db.Allocations.Include(a => a.Invoice).Include(a => a.Payment)
            .Where(a => a.PaymentId == payment.Id && a.Kind == AllocationKind.Payment && a.ReversedAt == null)
            .OrderByDescending(a => a.Id).ToListAsync(ct);
        foreach (var application in applications)
        {
            var missing = amount - payment.UnappliedMinor;
            if (missing <= 0) break;
            db.Journals.Add(Postings.ReverseAllocation(application, reason, today, now));
            var keep = application.AmountMinor - missing;
            reopened[application.Invoice!] = reopened.GetValueOrDefault(application.Invoice!) + Math.Min(missing, application.AmountMinor);
            if (keep > 0)
            {
                var (again, journal) = Postings.Allocate(payment, application.Invoice!, new Money(keep, payment.Currency), today, now, application.Rule);
                db.Allocations.Add(again);
                db.Journals.Add(journal);
            }
        }
        var (refund, refundJournal) = Postings.Refund(payment, new Money(amount, payment.Currency), reason, today, now, externalReference);
        db.Refunds.Add(refund);
        db.Journals.Add(refundJournal);
        return reopened;
    }

    private async Task<string> OnIntentFailed(PaymentIntent intent, CancellationToken ct)
    {
        if (!long.TryParse(intent.Metadata?.GetValueOrDefault(MetadataKey), out var id)) return $"ignored: payment intent {intent.Id} is not from the portal";
        var portal = await db.PortalPayments.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (portal is null) return $"ignored: unknown portal payment {id}";
        // A declined card leaves the checkout open for another try: record why, keep it pending.
        if (portal.Status is PortalPaymentStatus.Pending) portal.FailureMessage = intent.LastPaymentError?.Message ?? "The payment was declined.";
        portal.PaymentIntentId ??= intent.Id;
        return $"recorded decline on portal payment {portal.Id}";
    }

    private string OnFailed(PortalPayment? portal, string message)
    {
        if (portal is null) return "ignored: unknown checkout session";
        if (portal.Status is PortalPaymentStatus.Succeeded) return $"no change: portal payment {portal.Id} already applied";
        portal.Status = PortalPaymentStatus.Failed;
        portal.FailureMessage = message;
        portal.CompletedAt = clock.GetUtcNow().UtcDateTime;
        return $"failed: portal payment {portal.Id}";
    }
}
