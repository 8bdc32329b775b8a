namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// An imported file as a seekable stream, never held in memory: a seekable stream (a file, an upload the
/// form reader buffered to disk) is used as it is and left open for its owner; any other is copied to a
/// temporary file, deleted when this is disposed. Either way a file past the size limit is refused, and
/// copying stops as soon as it is known to be too large.
/// </summary>
internal sealed class SeekableFile : IAsyncDisposable
{
    private readonly bool _owned;

    private SeekableFile(Stream stream, bool owned) => (Stream, _owned) = (stream, owned);

    /// <summary>Positioned where the file starts.</summary>
    public Stream Stream { get; }

    /// <returns>Null when the file is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<SeekableFile?> OpenAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        if (source.CanSeek) return source.Length - source.Position > maxBytes ? null : new SeekableFile(source, owned: false);
        var path = Path.Combine(Path.GetTempPath(), $"payportal-bank-{Guid.NewGuid():N}.tmp");
        var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    await copy.DisposeAsync();
                    return null;
                }
                await copy.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            copy.Position = 0;
            return new SeekableFile(copy, owned: true);
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned) await Stream.DisposeAsync();
    }
}
