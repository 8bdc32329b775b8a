using PayPortal.Domain.Disputes;

namespace PayPortal.Web.Disputes;

/// <summary>What the conversation partial shows: the messages, whether internal notes are shown, and where each attachment downloads from.</summary>
public sealed record ConversationView(IReadOnlyList<DisputeMessage> Messages, bool ShowInternal, Func<long, string> FileUrl);
