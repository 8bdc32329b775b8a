namespace PayPortal.Domain;

/// <summary>
/// A record two people may change at once. <see cref="Version"/> is an optimistic concurrency token:
/// the data layer increments it on every update and refuses a save based on a stale copy.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
