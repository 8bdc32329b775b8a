namespace PayPortal.Web.Health;

/// <summary>When this process started serving (by the app's clock): a fresh install's first collections run is due within a day of it.</summary>
public sealed class PortalStarted(TimeProvider clock)
{
    public DateTime At { get; } = clock.GetUtcNow().UtcDateTime;
}
