using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Disputes;

/// <summary>An invoice line a dispute is about.</summary>
public class DisputeLine
{
    private DisputeLine() { }

    internal DisputeLine(InvoiceLine line)
    {
        InvoiceLineId = line.Id;
        InvoiceLine = line;
        LineNo = line.LineNo;
        Description = line.Description;
    }

    public long Id { get; private set; }
    public long DisputeId { get; private set; }
    public long InvoiceLineId { get; private set; }
    public InvoiceLine? InvoiceLine { get; private set; }
    public int LineNo { get; private set; }
    public string Description { get; private set; } = "";
}

/// <summary>One message of a dispute's conversation, or an internal note the customer never sees.</summary>
public class DisputeMessage
{
    private readonly List<DisputeAttachment> _attachments = [];

    private DisputeMessage() { }

    internal DisputeMessage(string authorName, bool fromCustomer, bool isInternal, string text, DateTime at, IReadOnlyList<DisputeAttachment>? attachments = null)
    {
        AuthorName = authorName;
        FromCustomer = fromCustomer;
        IsInternal = isInternal;
        Text = text;
        At = at;
        _attachments.AddRange(attachments ?? []);
    }

    public long Id { get; private set; }
    public long DisputeId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public bool FromCustomer { get; private set; }
    public bool IsInternal { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime At { get; private set; }
    public IReadOnlyList<DisputeAttachment> Attachments => _attachments;
}

/// <summary>A file sent with a dispute message: PDF, PNG or JPEG, recognised by its bytes.</summary>
public class DisputeAttachment
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerMessage = 5;

    private DisputeAttachment() { }

    private DisputeAttachment(string fileName, string contentType, byte[] content)
    {
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        SizeBytes = content.Length;
    }

    public long Id { get; private set; }
    public long DisputeMessageId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int SizeBytes { get; private set; }
    public byte[] Content { get; private set; } = [];

    /// <summary>
    /// Accepts a file only if its bytes are a PDF, PNG or JPEG (whatever its name says) and within the
    /// size limit; the stored name keeps only the file's own name, never a path.
    /// </summary>
    public static DisputeAttachment Create(string fileName, byte[] content)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0) name = "attachment";
        if (name.Length > 200) name = name[^200..];
        if (content.Length == 0) throw new DomainRefusal($"{name} is empty.");
        if (content.Length > MaxBytes) throw new DomainRefusal($"{name} is {content.Length / 1024 / 1024.0:0.#} MB; files can be at most {MaxBytes / 1024 / 1024} MB.");
        var type = Sniff(content) ?? throw new DomainRefusal($"{name} is not a PDF, PNG or JPEG file.");
        return new DisputeAttachment(name, type, content);
    }

    private static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;
}
