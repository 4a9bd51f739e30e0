using System.Text.Json;

namespace Opto.Optimizers.Answers;

/// <summary>One suggested value, still as JSON.</summary>
/// <param name="Name">The variable's name; as the JSON wrote it (escapes kept) when it is not valid text.</param>
/// <param name="Value">The suggested value.</param>
/// <param name="NameProblem">Why the name is not valid text, or <see langword="null"/>.</param>
internal sealed record Suggestion(string Name, JsonElement Value, string? NameProblem = null);

/// <summary>What could be read from a model's answer.</summary>
internal sealed class ParsedAnswer
{
    public string? Reasoning { get; init; }

    public string? Answer { get; init; }

    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    /// <summary>The model said there is nothing to change (TERMINATE, or no suggestion at all).</summary>
    public bool NoChange { get; init; }

    /// <summary>Why nothing could be read, or <see langword="null"/>.</summary>
    public string? Error { get; init; }
}
