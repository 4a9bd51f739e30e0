using System.Globalization;

namespace Opto.Optimizers;

/// <summary>
/// How much of the model's window a step's prompt may use, and what is left for the problem once the system prompt,
/// the example, the past steps, the rejections, the answer's schema and the chat format's own tokens are counted.
/// </summary>
internal sealed class PromptLimit(OptimizerOptions options, string? modelId, Func<string> answerSchema)
{
    /// <summary>The room kept for the answer when <see cref="OptimizerOptions.MaxOutputTokens"/> is not set.</summary>
    public const int DefaultAnswerReserve = 4_096;

    // The chat format's tokens around two messages, and slack for counts that do not add exactly.
    private const int FormatTokens = 64;

    /// <summary>The most tokens the whole prompt may take, or <see langword="null"/> for no limit.</summary>
    public int? Tokens
    {
        get
        {
            if (options.MaxPromptTokens is { } set) return set == int.MaxValue ? null : set;
            return ModelContextWindows.Of(modelId) - (options.MaxOutputTokens ?? DefaultAnswerReserve);
        }
    }

    public Func<string, int> Count => options.CountTokens ?? TokenEstimate.Count;

    /// <summary>The newest past steps that fit in a quarter of the limit, oldest first: older ones give way to the problem.</summary>
    public IReadOnlyList<(string Variables, string Feedback)> FitMemory(IReadOnlyList<(string Variables, string Feedback)> memory)
    {
        if (memory.Count == 0 || Tokens is not { } limit) return memory;
        var room = limit / 4;
        var kept = 0;
        for (var i = memory.Count - 1; i >= 0; i--)
        {
            room -= Count(memory[i].Variables) + Count(memory[i].Feedback) + 8;
            if (room < 0) break;
            kept++;
        }

        return kept == memory.Count ? memory : [.. memory.Skip(memory.Count - kept)];
    }

    /// <summary>The problem's share of the limit, given the rest of the prompt; <see langword="null"/> when there is no limit.</summary>
    /// <exception cref="InvalidOperationException">The rest of the prompt leaves no room for the problem.</exception>
    /// <param name="system">The system prompt.</param>
    /// <param name="userWithoutProblem">The user prompt without the problem.</param>
    /// <param name="besides">What the user prompt holds besides the usual parts (earlier candidates, for one), for the error.</param>
    /// <param name="withSchema">Whether the request sends the answer's schema (a plain request, such as a choice, does not).</param>
    public PromptBudget? ForProblem(string system, string userWithoutProblem, string? besides = null, bool withSchema = true)
    {
        if (Tokens is not { } limit) return null;
        var around = Around(system, userWithoutProblem, withSchema);
        if (around >= limit)
        {
            var parts = besides is null ? "the rejections" : $"the rejections, {besides}";
            throw Exceeded(string.Create(CultureInfo.InvariantCulture,
                $"The optimizer's prompt has {limit:N0} tokens to use (MaxPromptTokens, or the model's window less MaxOutputTokens), and the " +
                $"system prompt, the example, {parts} and the answer's schema alone take {around:N0}. ") +
                "Raise MaxPromptTokens or lower MaxOutputTokens if the model's window allows, or leave out the example (IncludeExample).");
        }

        return new PromptBudget(limit - around, Count);
    }

    /// <summary>Whether a prompt of <paramref name="system"/> and <paramref name="user"/> with <paramref name="added"/> fits the limit.</summary>
    public bool Fits(string system, string user, string added, bool withSchema = true) =>
        Room(system, user, withSchema) is not { } room || Count(added) <= room;

    /// <summary>The tokens a request of <paramref name="system"/> and <paramref name="user"/> leaves for more text, or <see langword="null"/> when there is no limit.</summary>
    public int? Room(string system, string user, bool withSchema = true) => Tokens is { } limit ? limit - Around(system, user, withSchema) : null;

    /// <summary>The room kept for an answer.</summary>
    public int AnswerTokens => options.MaxOutputTokens ?? DefaultAnswerReserve;

    /// <summary>An error that says a prompt cannot fit its budget (see <see cref="IsExceeded"/>).</summary>
    public static InvalidOperationException Exceeded(string message)
    {
        var error = new InvalidOperationException(message);
        error.Data[ExceededKey] = true;
        return error;
    }

    /// <summary>Whether <paramref name="error"/> says that a prompt cannot fit its budget, and not something else.</summary>
    public static bool IsExceeded(Exception error) => error.Data.Contains(ExceededKey);

    private const string ExceededKey = "Opto.PromptBudgetExceeded";

    // The tokens of a request besides what is yet to be fitted into it: its text, the answer's schema, the chat format.
    private int Around(string system, string user, bool withSchema) => Count(system) + Count(user) + (withSchema ? Schema() : 0) + FormatTokens;

    private int Schema() => options.StructuredOutput == StructuredOutputMode.Never ? 0 : Count(answerSchema());
}
