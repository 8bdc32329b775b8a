using System.Text.Json;
using PayPortal.Domain.CashApplication;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>The engine's suggestions as a waiting bank line keeps them, written by the import and read by the workbench.</summary>
public static class ProposalJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<Proposal> proposals) => JsonSerializer.Serialize(proposals, Options);

    public static List<Proposal> Read(string? json) => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<Proposal>>(json, Options) ?? [];
}
