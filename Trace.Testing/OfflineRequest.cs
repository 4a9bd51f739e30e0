namespace Opto.Testing;

/// <summary>A request the offline demo model received, for its script to pick an answer.</summary>
public sealed class OfflineRequest
{
    internal OfflineRequest(IReadOnlyList<OfflineMessage> messages, int number)
    {
        Messages = messages;
        Number = number;
    }

    /// <summary>All messages of the request, in order.</summary>
    public IReadOnlyList<OfflineMessage> Messages { get; }

    /// <summary>The system messages, joined with blank lines.</summary>
    public string System => string.Join("\n\n", Messages.Where(m => m.Role == "system").Select(m => m.Text));

    /// <summary>The last user message, or an empty string.</summary>
    public string User => Messages.LastOrDefault(m => m.Role == "user")?.Text ?? "";

    /// <summary>Counts the requests the model has served so far, starting at 1.</summary>
    public int Number { get; }

    /// <summary>Whether any message contains <paramref name="text"/> (ordinal, case-insensitive).</summary>
    public bool Mentions(string text) => Messages.Any(m => m.Text.Contains(text, StringComparison.OrdinalIgnoreCase));
}
