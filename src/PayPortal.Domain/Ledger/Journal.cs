using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Ledger;

/// <summary>
/// One business event in the AR ledger, as balanced entries (they sum to zero, in one currency).
/// Made only by <see cref="Postings"/>; never changed once written.
/// </summary>
public class Journal
{
    private readonly List<LedgerEntry> _entries = [];

    private Journal() { }

    internal Journal(JournalKind kind, DateOnly occurredOn, DateTime recordedAt, string description, IEnumerable<LedgerEntry> entries, bool isTest = false)
    {
        Kind = kind;
        OccurredOn = occurredOn;
        RecordedAt = recordedAt;
        Description = description;
        IsTest = isTest;
        _entries.AddRange(entries);
        if (_entries.Count < 2) throw new InvalidOperationException("A journal needs at least two entries.");
        if (_entries.Select(e => e.CurrencyCode).Distinct().Count() != 1) throw new InvalidOperationException("A journal is in one currency.");
        if (_entries.Sum(e => e.AmountMinor) != 0) throw new InvalidOperationException($"Journal '{description}' does not balance.");
        if (_entries.Any(e => e.AmountMinor == 0)) throw new InvalidOperationException("A journal entry cannot be zero.");
        // Saved customers compare by id; a customer saved in the same unit of work (id 0) by reference.
        if (_entries.Select(e => e.CustomerId != 0 ? (object)e.CustomerId : e.Customer!).Distinct().Count() != 1)
            throw new InvalidOperationException("A journal is for one customer.");
        Customer = _entries.Select(e => e.Customer).FirstOrDefault(c => c is not null);
        CustomerId = _entries[0].CustomerId;
        foreach (var entry in _entries) entry.OccurredOn = occurredOn;
    }

    public long Id { get; private set; }
    public JournalKind Kind { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    /// <summary>The business date (e.g. the payment's received date); aging as of a date uses it.</summary>
    public DateOnly OccurredOn { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string Description { get; private set; } = "";
    /// <summary>Test money (the built-in Stripe sandbox).</summary>
    public bool IsTest { get; private set; }
    public IReadOnlyList<LedgerEntry> Entries => _entries;
}
