using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

internal static class SandboxJson
{
    /// <summary>A stored integer, whether it went in as an int literal or a long.</summary>
    public static long Long(this JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => node.GetValue<long>(),
    };
}

/// <summary>A refusal in Stripe's error shape, with the status code Stripe would answer.</summary>
public sealed class SandboxError(HttpStatusCode status, JsonObject body) : Exception(body["error"]?["message"]?.GetValue<string>())
{
    public HttpStatusCode Status { get; } = status;
    public JsonObject Body { get; } = body;

    public static SandboxError Invalid(string message, string? param = null, string? code = "parameter_invalid") =>
        new(HttpStatusCode.BadRequest, SandboxShapes.Error("invalid_request_error", code, param, message));

    public static SandboxError Missing(string param) =>
        new(HttpStatusCode.BadRequest, SandboxShapes.Error("invalid_request_error", "parameter_missing", param, $"Missing required param: {param}."));

    public static SandboxError NoSuch(string kind, string id, string param = "id") =>
        new(HttpStatusCode.NotFound, SandboxShapes.Error("invalid_request_error", "resource_missing", param, $"No such {kind}: '{id}'"));
}

/// <summary>
/// The sandbox's objects, kept as the JSON Stripe would send (so what is stored is what is served), in
/// creation order for lists. Not thread-safe on its own: <see cref="StripeSandbox"/> holds its lock.
/// </summary>
internal sealed class SandboxStore
{
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public static string NewId(string prefix) => $"{prefix}_test_sbx_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    public JsonObject Add(JsonObject obj)
    {
        var id = obj["id"]!.GetValue<string>();
        _objects[id] = obj;
        _order.Add(id);
        return obj;
    }

    public JsonObject? Find(string id) => _objects.GetValueOrDefault(id);

    /// <summary>The object of that id and kind, or Stripe's resource_missing.</summary>
    public JsonObject Get(string id, string objectType, string kindName, string param = "id") =>
        _objects.TryGetValue(id, out var found) && (string?)found["object"] == objectType ? found : throw SandboxError.NoSuch(kindName, id, param);

    /// <summary>Every object of a kind, newest first, as Stripe lists them.</summary>
    public IEnumerable<JsonObject> All(string objectType)
    {
        for (var i = _order.Count - 1; i >= 0; i--)
        {
            var obj = _objects[_order[i]];
            if ((string?)obj["object"] == objectType) yield return obj;
        }
    }
}
