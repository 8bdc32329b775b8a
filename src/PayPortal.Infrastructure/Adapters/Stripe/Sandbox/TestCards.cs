using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

/// <summary>How a test card answers a charge.</summary>
public enum CardBehaviour { Succeeds, Declined, InsufficientFunds, AuthenticationRequired }

/// <summary>One of Stripe's documented test cards, by number on the hosted page or by PaymentMethod token through the API.</summary>
public sealed record TestCard(string Brand, string Last4, CardBehaviour Behaviour)
{
    /// <summary>The error Stripe answers for this card, or null when it is charged.</summary>
    public JsonObject? Decline(bool offSession) => Behaviour switch
    {
        CardBehaviour.Declined => Error("card_declined", "generic_decline", "Your card was declined."),
        CardBehaviour.InsufficientFunds => Error("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        CardBehaviour.AuthenticationRequired when offSession =>
            Error("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication."),
        _ => null,
    };

    private static JsonObject Error(string code, string declineCode, string message) =>
        new() { ["type"] = "card_error", ["code"] = code, ["decline_code"] = declineCode, ["message"] = message };
}

public static class TestCards
{
    private static readonly Dictionary<string, TestCard> Numbers = new()
    {
        ["4242424242424242"] = new("visa", "4242", CardBehaviour.Succeeds),
        ["5555555555554444"] = new("mastercard", "4444", CardBehaviour.Succeeds),
        ["4000000000000002"] = new("visa", "0002", CardBehaviour.Declined),
        ["4000000000009995"] = new("visa", "9995", CardBehaviour.InsufficientFunds),
        ["4000002760003184"] = new("visa", "3184", CardBehaviour.AuthenticationRequired),
    };

    /// <summary>Stripe's test PaymentMethod tokens (docs.stripe.com/testing), usable without a card form.</summary>
    private static readonly Dictionary<string, TestCard> Tokens = new()
    {
        ["pm_card_visa"] = Numbers["4242424242424242"],
        ["pm_card_mastercard"] = Numbers["5555555555554444"],
        ["pm_card_chargeDeclined"] = Numbers["4000000000000002"],
        ["pm_card_chargeDeclinedInsufficientFunds"] = Numbers["4000000000009995"],
        ["pm_card_authenticationRequired"] = Numbers["4000002760003184"],
    };

    public static TestCard? ByNumber(string digits) => Numbers.GetValueOrDefault(digits);

    public static TestCard? ByToken(string token) => Tokens.GetValueOrDefault(token);
}
