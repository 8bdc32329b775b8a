namespace PayPortal.Domain.Collections;

public enum DunningAction
{
    /// <summary>An email with the invoices and a pay link.</summary>
    Email = 1,
    /// <summary>A task on the collector's worklist to call the customer; nothing is sent.</summary>
    CallTask = 2,
    /// <summary>A letter as PDF (e.g. the final demand), emailed as an attachment and kept on the customer's record.</summary>
    Letter = 3,
}

/// <summary>
/// The dunning steps for one customer segment (or, with no segment, for every customer whose segment has
/// no policy of its own), ordered by days relative to the due date: -3 is three days before it.
/// </summary>
public class DunningPolicy : IVersioned
{
    private readonly List<DunningStep> _steps = [];

    private DunningPolicy() { }

    public DunningPolicy(string name, string? segment)
    {
        Rename(name);
        Segment = NormalizeSegment(segment);
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The customer segment it applies to; null for the default policy.</summary>
    public string? Segment { get; private set; }
    public long Version { get; set; }
    public IReadOnlyList<DunningStep> Steps => _steps.OrderBy(s => s.OffsetDays).ToList();

    public void Rename(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100) throw new DomainRefusal("A policy needs a name of at most 100 characters.");
        Name = trimmed;
    }

    public DunningStep AddStep(int offsetDays, DunningAction action, string subject, string body)
    {
        if (_steps.Any(s => s.OffsetDays == offsetDays)) throw new DomainRefusal($"The policy already has a step at {DunningStep.OffsetText(offsetDays)}.");
        var step = new DunningStep(this, offsetDays, action, subject, body);
        _steps.Add(step);
        return step;
    }

    public void RemoveStep(DunningStep step) => _steps.Remove(step);

    public static string? NormalizeSegment(string? segment)
    {
        var trimmed = segment?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > 40 || !trimmed.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw new DomainRefusal("A segment is a short name of letters, digits and dashes, e.g. key-accounts.");
        return trimmed;
    }

    /// <summary>A ready-made policy: a friendly reminder before the due date, firmer emails after it, a call, then a final demand letter.</summary>
    public static DunningPolicy Standard(string name = "Standard", string? segment = null)
    {
        var policy = new DunningPolicy(name, segment);
        policy.AddStep(-3, DunningAction.Email, "Reminder: {{invoice_count}} invoice(s) due soon",
            "Dear {{contact.name}},\n\nA friendly reminder that the invoices below for {{customer.name}} fall due shortly:\n\n{{invoices}}\n\nTotal: {{total}}\n\nYou can pay online: {{pay_link}}\n\nIf you have already paid, thank you, and please ignore this message.\n\n{{company.name}}");
        policy.AddStep(1, DunningAction.Email, "Payment overdue: {{invoice_count}} invoice(s), {{total}}",
            "Dear {{contact.name}},\n\nWe have not yet received payment for the invoices below, which were due:\n\n{{invoices}}\n\nTotal overdue: {{total}}\n\nPlease pay online at {{pay_link}} or let us know if something is wrong with an invoice.\n\n{{company.name}}");
        policy.AddStep(15, DunningAction.Email, "Second reminder: {{total}} overdue",
            "Dear {{contact.name}},\n\nThe invoices below are now {{days_past_due}} days past due:\n\n{{invoices}}\n\nTotal overdue: {{total}}\n\nPlease arrange payment this week: {{pay_link}}\n\n{{company.name}}");
        policy.AddStep(30, DunningAction.Email, "Overdue account {{customer.number}}: payment required",
            "Dear {{contact.name}},\n\nDespite our reminders, {{total}} remains unpaid on the account of {{customer.name}}:\n\n{{invoices}}\n\nPlease pay within 7 days at {{pay_link}}, or contact us to agree a payment plan. Continued non-payment may lead to a hold on your account.\n\n{{company.name}}");
        policy.AddStep(45, DunningAction.CallTask, "Call {{customer.name}} about {{total}} overdue", "Call the customer: {{invoice_count}} invoice(s), {{total}}, {{days_past_due}} days past due.");
        policy.AddStep(60, DunningAction.Letter, "Final demand: {{total}} overdue",
            "Dear {{contact.name}},\n\nFINAL DEMAND\n\nThe following invoices of {{customer.name}} ({{customer.number}}) remain unpaid, {{days_past_due}} days after they fell due:\n\n{{invoices}}\n\nTotal due: {{total}}\n\nUnless payment is received within 7 days, we will place your account on hold and take further steps to recover the debt without further notice.\n\nPay online: {{pay_link}}\n\n{{company.name}}");
        return policy;
    }
}

public class DunningStep
{
    private DunningStep() { }

    internal DunningStep(DunningPolicy policy, int offsetDays, DunningAction action, string subject, string body)
    {
        Policy = policy;
        Change(offsetDays, action, subject, body);
    }

    public long Id { get; private set; }
    public long DunningPolicyId { get; private set; }
    public DunningPolicy? Policy { get; private set; }
    /// <summary>Days relative to the due date: negative before it, positive after.</summary>
    public int OffsetDays { get; private set; }
    public DunningAction Action { get; private set; }
    /// <summary>Merge template of the subject (a call task's title).</summary>
    public string Subject { get; private set; } = "";
    /// <summary>Merge template of the email or letter text (a call task's note).</summary>
    public string Body { get; private set; } = "";

    public void Change(int offsetDays, DunningAction action, string subject, string body)
    {
        if (offsetDays is < -60 or > 365) throw new DomainRefusal("A step is between 60 days before and 365 days after the due date.");
        if (!Enum.IsDefined(action)) throw new DomainRefusal("Choose email, call task or letter.");
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim().Length > 200) throw new DomainRefusal("The subject is required, at most 200 characters.");
        if (string.IsNullOrWhiteSpace(body) || body.Length > 10_000) throw new DomainRefusal("The text is required, at most 10,000 characters.");
        if (MergeTemplate.UnknownFields(subject).Concat(MergeTemplate.UnknownFields(body)).Distinct().ToList() is { Count: > 0 } unknown)
            throw new DomainRefusal($"Unknown merge field(s): {string.Join(", ", unknown.Select(f => "{{" + f + "}}"))}. Known: {string.Join(", ", MergeTemplate.Fields.Select(f => "{{" + f + "}}"))}.");
        if (subject.Contains("{{invoices}}", StringComparison.Ordinal)) throw new DomainRefusal("The invoices table belongs in the text, not the subject.");
        OffsetDays = offsetDays;
        Action = action;
        Subject = subject.Trim();
        Body = body.Replace("\r\n", "\n");
    }

    public string When => OffsetText(OffsetDays);

    public static string OffsetText(int offsetDays) => offsetDays switch
    {
        0 => "on the due date",
        < 0 => $"{-offsetDays} day(s) before the due date",
        _ => $"{offsetDays} day(s) after the due date",
    };
}
