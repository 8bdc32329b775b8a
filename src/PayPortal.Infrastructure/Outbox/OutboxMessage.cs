namespace PayPortal.Infrastructure.Outbox;

/// <summary>
/// An email waiting to go out, written in the same transaction as the change it announces (a
/// payment, an invoice): the change and its message are saved together, and the dispatcher sends it.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>The invoice it sends, for an invoice email: the invoice page lists its sends from these.</summary>
    public long? InvoiceId { get; set; }
    /// <summary>What it is about, e.g. "receipt", "invoice", "statement".</summary>
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Sends tried so far; counted (and saved) before each try, so a crash mid-send still counts.</summary>
    public int Attempts { get; set; }
    /// <summary>When the current series of tries began: the give-up window runs from here.</summary>
    public DateTime? FirstAttemptAt { get; set; }
    /// <summary>Not tried again before this (backoff after a temporary failure); null when due now.</summary>
    public DateTime? NextAttemptAt { get; set; }
    /// <summary>Set when PayPortal stopped trying: a permanent refusal, or temporary ones for too long. <see cref="LastError"/> says why.</summary>
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
    public List<OutboxAttachment> Attachments { get; set; } = [];
}

public class OutboxAttachment
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/pdf";
    public byte[] Content { get; set; } = [];
}

/// <summary>Every contact with a customer: emails sent, calls and notes logged by collectors, letters. Their communication log.</summary>
public class CommunicationLogEntry
{
    public const string Email = "email", Call = "call", Note = "note", Letter = "letter";

    public long Id { get; set; }
    public long CustomerId { get; set; }
    public DateTime At { get; set; }
    /// <summary><see cref="Email"/>, <see cref="Call"/>, <see cref="Note"/> or <see cref="Letter"/>.</summary>
    public string Channel { get; set; } = Email;
    public string Summary { get; set; } = "";
    /// <summary>Who logged it (a call or note); null for what the system sent.</summary>
    public string? By { get; set; }
    public long? OutboxMessageId { get; set; }
}
