namespace PayPortal.Infrastructure.Tests;

/// <summary>
/// Files from other projects in ../shared/testdata beside the repository (never copied into it).
/// Tests that need them skip with "skipped: corpus absent" where a clone has no such folder.
/// </summary>
public static class SharedTestData
{
    public const string SkipReason = "skipped: corpus absent";

    public static string? Root { get; } = Find();

    public static string PathOf(params string[] parts) =>
        Path.Combine([Root ?? throw new InvalidOperationException(SkipReason), .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PAYPORTAL_TESTDATA") is { Length: > 0 } configured)
            return Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PayPortal.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs ../shared/testdata.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SharedTestData.Root is null) Skip = SharedTestData.SkipReason;
    }
}

/// <summary>A theory that needs ../shared/testdata.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (SharedTestData.Root is null) Skip = SharedTestData.SkipReason;
    }
}
