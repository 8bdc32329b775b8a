namespace PayPortal.Infrastructure.Auditing;

/// <summary>Who is acting, for the audit trail: a signed-in user's name, "cli:root", "system:seed".</summary>
public interface IActor
{
    string Name { get; }
}

public sealed class FixedActor(string name) : IActor
{
    public string Name { get; } = name;
}
