namespace PayPortal.Infrastructure;

/// <summary>
/// What a workflow step did (an invoice posted, a dispute answered, an invitation sent): done, with the record it
/// concerns when there is one, or refused; with a sentence for the user either way.
/// </summary>
public sealed record StepResult(bool Succeeded, string Message, long? Id = null)
{
    /// <summary>Where the person goes next when the step hands them on (Stripe's checkout page), else null.</summary>
    public string? Next { get; init; }

    /// <summary>Each problem on its own line, when a refusal has several (one per invoice chosen, say).</summary>
    public IReadOnlyList<string> Problems { get; init; } = Succeeded ? [] : [Message];

    public static StepResult Done(string message, long? id = null) => new(true, message, id);
    public static StepResult Fail(string message) => new(false, message);
    public static StepResult Fail(IReadOnlyList<string> problems) => new(false, string.Join(" ", problems)) { Problems = problems };

    /// <summary>Two results are equal when they say the same: the problems compared one by one, not as list references.</summary>
    public bool Equals(StepResult? other) =>
        other is not null && Succeeded == other.Succeeded && Message == other.Message && Id == other.Id && Next == other.Next && Problems.SequenceEqual(other.Problems);

    public override int GetHashCode() => HashCode.Combine(Succeeded, Message, Id, Next);
}
