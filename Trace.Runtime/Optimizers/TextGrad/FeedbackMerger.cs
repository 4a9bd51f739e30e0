using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// Makes a TextGrad request fit <see cref="OptimizerOptions.MaxPromptTokens"/> when the feedback it carries is too much:
/// a variable read by thousands of calls receives one gradient from each. The pieces are merged by the model, as many
/// at a time as one merge request holds, round after round, until the request fits; a merge keeps every distinct point,
/// so no feedback is cut to fit. Feedback that cannot be made to fit is an error before the request is sent.
/// </summary>
internal sealed class FeedbackMerger(StructuredOutputFallback requests, PromptLimit limit)
{
    /// <summary>
    /// <paramref name="items"/>, merged as needed so that <paramref name="fits"/> holds; every merge request is added to
    /// <paramref name="exchanges"/>.
    /// </summary>
    /// <param name="subject">What the feedback is about (a variable, a call), as the merge request names it.</param>
    /// <param name="items">The feedback, in the order the request shows it.</param>
    /// <param name="fits">Whether the request fits with the feedback given.</param>
    /// <param name="exchanges">Where the merge requests are kept, for the step's log and its token count.</param>
    /// <param name="cancellationToken">Stops the merges.</param>
    /// <exception cref="InvalidOperationException">The request cannot fit, however its feedback is merged.</exception>
    public async Task<IReadOnlyList<TextGrad.Gradient>> FitAsync(string subject, IReadOnlyList<TextGrad.Gradient> items,
        Func<IReadOnlyList<TextGrad.Gradient>, bool> fits, List<Proposal> exchanges, CancellationToken cancellationToken)
    {
        var current = items;
        while (!fits(current))
        {
            var batches = Pack(subject, current);
            if (current.Count == 1 || batches.All(b => b.Count == 1))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"TextGrad's request about {subject} does not fit the prompt's token budget ({limit.Tokens:N0} tokens: MaxPromptTokens, or the model's window less MaxOutputTokens), ") +
                    (current.Count == 1
                        ? "even with its feedback merged into one piece: the value shown and the feedback alone take more. "
                        : "and no two pieces of its feedback fit one merge request. ") +
                    "Raise MaxPromptTokens if the model's window allows, lower MaxValueLength or MaxSuggestionLength, or give shorter feedback.");
            }

            var merged = new List<TextGrad.Gradient>();
            foreach (var batch in batches)
            {
                merged.Add(batch.Count == 1 ? batch[0] : await MergeAsync(subject, batch, exchanges, cancellationToken).ConfigureAwait(false));
            }

            current = merged;
        }

        return current;
    }

    // Consecutive pieces, as many as one merge request holds.
    private List<List<TextGrad.Gradient>> Pack(string subject, IReadOnlyList<TextGrad.Gradient> items)
    {
        var batches = new List<List<TextGrad.Gradient>>();
        var batch = new List<TextGrad.Gradient>();
        foreach (var item in items)
        {
            batch.Add(item);
            if (batch.Count > 1 && !limit.Fits(TextGradPrompts.MergeSystem, MergePrompt(subject, batch), ""))
            {
                batch.RemoveAt(batch.Count - 1);
                batches.Add(batch);
                batch = [item];
            }
        }

        batches.Add(batch);
        return batches;
    }

    private async Task<TextGrad.Gradient> MergeAsync(string subject, List<TextGrad.Gradient> batch, List<Proposal> exchanges, CancellationToken cancellationToken)
    {
        var user = MergePrompt(subject, batch);
        var (response, attempts) = await requests.SendPlainAsync([new(ChatRole.System, TextGradPrompts.MergeSystem), new(ChatRole.User, user)], cancellationToken).ConfigureAwait(false);
        lock (exchanges) exchanges.Add(Proposal.Exchange($"merging {batch.Count} pieces of feedback about {subject}", TextGradPrompts.MergeSystem, user, response, attempts));
        // A merge that says nothing would lose the batch's feedback: the step stops instead.
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
        for (var k = 0; k < batch.Count; k++)
        {
            text.Append('[').Append(k + 1).Append("] From: ").Append(batch[k].Where).Append('\n').Append(batch[k].Text.Trim()).Append("\n\n");
        }

        return text.ToString();
    }
}
