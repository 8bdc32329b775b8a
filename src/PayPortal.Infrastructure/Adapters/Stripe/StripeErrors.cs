using Stripe;

namespace PayPortal.Infrastructure.Adapters.Stripe;

/// <summary>Stripe's refusals as sentences a customer understands; the details (and Stripe's request id) go to the log for staff.</summary>
public static class StripeErrors
{
    public static string ForCustomer(StripeException ex) => ForCustomer(ex.StripeError?.Type, ex.StripeError?.Code, ex.StripeError?.DeclineCode, (int)ex.HttpStatusCode);

    /// <summary>A Stripe refusal, or Stripe not reachable at all (Stripe.net rethrows the network's own exceptions once its retries are spent).</summary>
    public static string ForCustomer(Exception ex) => ex is StripeException stripe ? ForCustomer(stripe) : ForCustomer(null, null, null, status: 0);

    /// <summary>What a call to Stripe can throw that is Stripe's (or the network's) answer, not a bug or our own cancellation.</summary>
    public static bool IsStripeFailure(Exception ex, CancellationToken ct) =>
        ex is StripeException or HttpRequestException || ex is OperationCanceledException && !ct.IsCancellationRequested;

    public static string ForCustomer(string? type, string? code, string? declineCode, int status = 402) => (type, code, declineCode) switch
    {
        (_, _, "insufficient_funds") => "Your card has insufficient funds. Nothing was charged; please use another card or pay by bank account.",
        (_, "authentication_required", _) or (_, _, "authentication_required") =>
            "Your bank asks you to confirm this payment. Nothing was charged; please pay from the portal so your bank can ask you.",
        (_, "expired_card", _) => "Your card has expired. Nothing was charged; please use another card.",
        (_, "incorrect_cvc", _) or (_, "invalid_cvc", _) => "The card's security code is incorrect. Nothing was charged.",
        (_, "processing_error", _) => "The card could not be processed just now. Nothing was charged; please try again in a moment.",
        ("card_error", _, _) => "Your card was declined. Nothing was charged; please use another card or pay by bank account.",
        (_, "payment_method_provider_decline", _) => "Your bank declined the debit. Nothing was taken; please try another account or a card.",
        _ when status is 429 or >= 500 or 0 => "Our payment provider is not answering just now. Nothing was charged; please try again in a few minutes.",
        _ => "The payment could not be started. Nothing was charged; please try again, or contact us if it keeps happening.",
    };

    /// <summary>Stripe's request id (req_…), which Stripe's support asks for.</summary>
    public static string? RequestId(Exception ex) => (ex as StripeException)?.StripeResponse?.RequestId;
}
