namespace PayPortal.Infrastructure.Imports;

/// <summary>A problem in an uploaded file, named by line and field so it can be fixed.</summary>
public sealed record ImportError(int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"line {Line}: {Message}" : $"line {Line}, field '{Field}': {Message}";
}

/// <summary>
/// The outcome of an all-or-nothing import: with any error nothing was saved; otherwise every row
/// was created, updated or found already present (re-importing a file changes nothing).
/// </summary>
public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Failed(IReadOnlyList<ImportError> errors, int rows = 0) => new(rows, 0, 0, 0, errors);
}
