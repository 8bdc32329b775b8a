using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure.Disputes;

namespace PayPortal.Web.Disputes;

public static class Uploads
{
    /// <summary>
    /// Reads uploaded files into memory, refusing (before reading) more files than a message takes or
    /// a file over the size limit; what each file is, is decided later from its bytes.
    /// </summary>
    public static async Task<(List<UploadedFile> Files, string? Problem)> ReadAsync(IReadOnlyList<IFormFile>? files, CancellationToken ct)
    {
        var result = new List<UploadedFile>();
        var chosen = (files ?? []).Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (chosen.Count > DisputeAttachment.MaxPerMessage) return ([], $"Attach at most {DisputeAttachment.MaxPerMessage} files to one message.");
        foreach (var file in chosen)
        {
            if (file.Length > DisputeAttachment.MaxBytes) return ([], $"{Path.GetFileName(file.FileName)} is over {DisputeAttachment.MaxBytes / 1024 / 1024} MB.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            result.Add(new UploadedFile(file.FileName, buffer.ToArray()));
        }
        return (result, null);
    }
}
