namespace PayPortal.Infrastructure.Auditing;

/// <summary>
/// The action every save inside a scope performs, for the audit trail: <c>using var _ = audit.Begin("invoice.post");</c>.
/// One per unit of work (a request, a CLI command, a job), shared by the DbContext's audit interceptor and the
/// workflows of that unit. A scope inside another names its own saves and gives the outer action back when it ends;
/// a save outside every scope is recorded as "Entity.State".
/// </summary>
public sealed class AuditContext
{
    public string? Action { get; private set; }

    public AuditScope Begin(string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var scope = new AuditScope(this, Action);
        Action = action;
        return scope;
    }

    /// <summary>Ends an action: the enclosing one (or none) applies again.</summary>
    public sealed class AuditScope : IDisposable
    {
        private readonly AuditContext _context;
        private readonly string? _outer;
        private bool _ended;

        internal AuditScope(AuditContext context, string? outer) => (_context, _outer) = (context, outer);

        public void Dispose()
        {
            if (_ended) return;
            _ended = true;
            _context.Action = _outer;
        }
    }
}
