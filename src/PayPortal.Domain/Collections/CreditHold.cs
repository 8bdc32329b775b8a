using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Collections;

public enum CreditSuggestion { None, PlaceOverLimit, PlacePastDue, Release }

/// <summary>
/// The credit check behind the hold suggestions: a customer over their credit limit, or with an invoice past due
/// more than the threshold, should be put on hold; a customer on hold who is neither should be released.
/// A suggestion only: a manager decides.
/// </summary>
public static class CreditReview
{
    /// <summary>Balance as a share of the credit limit, in percent; null without a limit.</summary>
    public static decimal? Utilisation(long balanceMinor, long? limitMinor) =>
        limitMinor is { } limit and > 0 ? Math.Round(balanceMinor * 100m / limit, 1, MidpointRounding.AwayFromZero) : null;

    public static CreditSuggestion Suggest(long balanceMinor, long? limitMinor, int oldestDaysPastDue, bool onHold, int daysPastDueThreshold)
    {
        var overLimit = limitMinor is { } limit && balanceMinor > limit;
        var tooLate = oldestDaysPastDue > daysPastDueThreshold;
        if (!onHold) return overLimit ? CreditSuggestion.PlaceOverLimit : tooLate ? CreditSuggestion.PlacePastDue : CreditSuggestion.None;
        return overLimit || tooLate ? CreditSuggestion.None : CreditSuggestion.Release;
    }
}

public enum CreditHoldRequestStatus { Pending = 1, Approved = 2, Declined = 3 }

/// <summary>A request to place or release a credit hold, with its reason; a manager approves it (a manager's own request may be approved at once).</summary>
public class CreditHoldRequest : IVersioned
{
    private CreditHoldRequest() { }

    public static CreditHoldRequest Request(Customer customer, bool place, string reason, string by, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) throw new DomainRefusal("Give the reason (at most 500 characters).");
        if (place == customer.CreditHold) throw new DomainRefusal(place ? $"{customer.Name} is already on credit hold." : $"{customer.Name} is not on credit hold.");
        return new CreditHoldRequest
        {
            Customer = customer, CustomerId = customer.Id, Place = place, Reason = reason.Trim(), RequestedBy = by, RequestedAt = at, Status = CreditHoldRequestStatus.Pending,
        };
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    /// <summary>True to place the hold, false to release it.</summary>
    public bool Place { get; private set; }
    public string Reason { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public CreditHoldRequestStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public long Version { get; set; }

    public void Approve(string by, DateTime at)
    {
        RequirePending();
        var customer = Customer ?? throw new InvalidOperationException("Load the request's customer.");
        if (Place == customer.CreditHold) throw new DomainRefusal(Place ? "The customer is already on hold; decline this request." : "The customer is no longer on hold; decline this request.");
        customer.CreditHold = Place;
        (Status, DecidedBy, DecidedAt) = (CreditHoldRequestStatus.Approved, by, at);
    }

    public void Decline(string by, string reason, DateTime at)
    {
        RequirePending();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the request is declined.");
        (Status, DecidedBy, DecidedAt, DecisionNote) = (CreditHoldRequestStatus.Declined, by, at, reason.Trim());
    }

    private void RequirePending()
    {
        if (Status != CreditHoldRequestStatus.Pending) throw new DomainRefusal($"This request was already {Status.ToString().ToLowerInvariant()}.");
    }
}
