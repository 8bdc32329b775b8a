namespace PayPortal.Infrastructure;

/// <summary>What a workflow step did: done (with the record it concerns) or refused, with a sentence for the user either way.</summary>
public sealed record DeskResult(bool Succeeded, string Message, long? Id = null)
{
    public static DeskResult Fail(string message) => new(false, message);
}
