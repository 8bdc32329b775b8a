namespace PayPortal.Infrastructure;

/// <summary>
/// What a workflow step did (an invoice posted, a dispute answered, an invitation sent): done, with the record it
/// concerns when there is one, or refused; with a sentence for the user either way.
/// </summary>
public sealed record StepResult(bool Succeeded, string Message, long? Id = null)
{
    public static StepResult Done(string message, long? id = null) => new(true, message, id);
    public static StepResult Fail(string message) => new(false, message);
}
