using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// Makes a TextGrad request fit <see cref="OptimizerOptions.MaxPromptTokens"/> when the feedback it carries is too much:
/// a variable read by thousands of calls receives one gradient from each. The pieces are merged by the model, a few at a
/// time, round after round, until the request fits; a merge keeps every distinct point, so no feedback is cut to fit.
/// </summary>
/// <remarks>
/// A merge request holds at most twice the answer's room (<see cref="OptimizerOptions.MaxOutputTokens"/>) of feedback, so
/// that what it must keep fits in its answer; an answer cut off at that limit stops the step, as does an empty one.
/// Feedback that cannot be made to fit is an error before anything is sent for it.
/// </remarks>
internal sealed class FeedbackMerger(StructuredOutputFallback requests, PromptLimit limit)
{
    /// <summary>
    /// <paramref name="items"/>, merged as needed so that <paramref name="fits"/> holds; every merge request is handed to
    /// <paramref name="log"/> as soon as it is answered.
    /// </summary>
    /// <param name="subject">What the feedback is about (a variable, a call), as the merge request names it.</param>
    /// <param name="items">The feedback, in the order the request shows it.</param>
    /// <param name="fits">Whether the request fits with the feedback given.</param>
    /// <param name="log">Keeps a merge request, for the step's log and its token count (a failed step still counts it).</param>
    /// <param name="cancellationToken">Stops the merges.</param>
    /// <exception cref="InvalidOperationException">The request cannot fit, however its feedback is merged, or a merge failed.</exception>
    public async Task<IReadOnlyList<TextGrad.Gradient>> FitAsync(string subject, IReadOnlyList<TextGrad.Gradient> items,
        Func<IReadOnlyList<TextGrad.Gradient>, bool> fits, Action<Proposal> log, CancellationToken cancellationToken)
    {
        if (fits(items)) return items;
        if (!fits([new TextGrad.Gradient("", "")]))
        {
            throw Exceeded(subject, "even without its feedback: what it shows besides (the variable, always whole; the objective, the role and the rejections " +
                "for an update; the inputs and the output for a call) takes more. Raise MaxPromptTokens if the model's window allows, or shorten the objective, " +
                "the variable or MaxValueLength.");
        }

        var current = items;
        while (!fits(current))
        {
            if (current.Count == 1) throw Exceeded(subject, "even with its feedback merged into one piece. Raise MaxPromptTokens if the model's window allows, or give shorter feedback.");
            var batches = Pack(subject, current);
            if (batches.All(b => b.Count == 1))
            {
                throw Exceeded(subject, "and no two pieces of its feedback fit one merge request. Raise MaxPromptTokens or MaxOutputTokens if the model allows, " +
                    "or lower MaxSuggestionLength (each piece of feedback is cut at it).");
            }

            var merged = new List<TextGrad.Gradient>();
            foreach (var batch in batches)
            {
                merged.Add(batch.Count == 1 ? batch[0] : await MergeAsync(subject, batch, log, cancellationToken).ConfigureAwait(false));
            }

            current = merged;
        }

        return current;
    }

    private InvalidOperationException Exceeded(string subject, string why) =>
        PromptLimit.Exceeded(string.Create(CultureInfo.InvariantCulture,
            $"TextGrad's request about {subject} does not fit the prompt's token budget ({limit.Tokens:N0} tokens: MaxPromptTokens, or the model's window less MaxOutputTokens) ") + why);

    // Consecutive pieces, as many as one merge request holds: within the prompt's budget, and at most twice the answer's room.
    private List<List<TextGrad.Gradient>> Pack(string subject, IReadOnlyList<TextGrad.Gradient> items)
    {
        var room = Math.Min(limit.Room(TextGradPrompts.MergeSystem, MergePrompt(subject, [])) ?? int.MaxValue, 2 * limit.AnswerTokens);
        var batches = new List<List<TextGrad.Gradient>>();
        var batch = new List<TextGrad.Gradient>();
        var used = 0;
        foreach (var item in items)
        {
            var tokens = limit.Count(Piece(batch.Count + 1, item));
            if (batch.Count > 0 && used + tokens > room)
            {
                batches.Add(batch);
                batch = [];
                used = 0;
                tokens = limit.Count(Piece(1, item));
            }

            batch.Add(item);
            used += tokens;
        }

        batches.Add(batch);
        return batches;
    }

    private async Task<TextGrad.Gradient> MergeAsync(string subject, List<TextGrad.Gradient> batch, Action<Proposal> log, CancellationToken cancellationToken)
    {
        var user = MergePrompt(subject, batch);
        var (response, attempts) = await requests.SendPlainAsync([new(ChatRole.System, TextGradPrompts.MergeSystem), new(ChatRole.User, user)], cancellationToken).ConfigureAwait(false);
        log(Proposal.Exchange($"merging {batch.Count} pieces of feedback about {subject}", TextGradPrompts.MergeSystem, user, response, attempts));
        // A merge that says nothing, or was cut off, would lose some of the batch's feedback: the step stops instead.
        if (response?.FinishReason == ChatFinishReason.Length)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The model's merge of {batch.Count} pieces of feedback about {subject} was cut off at the answer's limit ({limit.AnswerTokens:N0} tokens); ") +
                "the step stops rather than lose the rest. Raise MaxOutputTokens if the model allows.");
        }

        var text = response?.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException($"The model's merge of {batch.Count} pieces of feedback about {subject} was empty; the step stops rather than lose them.");
        }

        var where = string.Join("; ", batch.Select(g => g.Where).Distinct(StringComparer.Ordinal));
        return new TextGrad.Gradient(text, ValueText.Truncate(where, 300));
    }

    private static string MergePrompt(string subject, List<TextGrad.Gradient> batch)
    {
        var text = new StringBuilder("#About\n").Append(subject).Append("\n\n#Feedback\n");
        for (var k = 0; k < batch.Count; k++) text.Append(Piece(k + 1, batch[k]));
        return text.ToString();
    }

    private static string Piece(int number, TextGrad.Gradient piece) =>
        string.Create(CultureInfo.InvariantCulture, $"[{number}] From: {piece.Where}\n{piece.Text.Trim()}\n\n");
}
