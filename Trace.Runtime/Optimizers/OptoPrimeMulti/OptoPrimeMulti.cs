using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Optimizers.Answers;

namespace Opto.Optimizers;

/// <summary>
/// OptoPrime with several candidates per step: the same problem is asked <see cref="OptoPrimeMultiOptions.Candidates"/>
/// times, made to differ (<see cref="OptoPrimeMultiOptions.Generation"/>), and one candidate is chosen
/// (<see cref="OptoPrimeMultiOptions.Selection"/>). Every candidate is checked like an OptoPrime answer; the step's log
/// keeps all of them, the choice and why (<see cref="Proposal.Candidates"/>, <see cref="Proposal.ChosenCandidate"/>,
/// <see cref="Proposal.Selection"/>). For a trainer's search, <see cref="Optimizer.ProposeCandidatesAsync(int, CancellationToken)"/> returns the
/// candidates unchosen, and the search scores them on its validation set.
/// </summary>
public sealed class OptoPrimeMulti : OptoPrime
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that proposes and chooses.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public OptoPrimeMulti(IEnumerable<ParameterNode> parameters, IChatClient chat, OptoPrimeMultiOptions? options = null)
        : base(parameters, chat, options ?? new OptoPrimeMultiOptions())
    {
    }

    /// <summary>The settings.</summary>
    public new OptoPrimeMultiOptions Options => (OptoPrimeMultiOptions)base.Options;

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        if (Options.Selection == CandidateSelection.ByScore && Options.Score is null)
        {
            throw new InvalidOperationException("OptoPrimeMultiOptions.Selection is ByScore but Score is not set: give the function that scores a candidate (it runs with the candidate's values in place).");
        }

        var generated = await GenerateAsync(Options.Candidates, cancellationToken).ConfigureAwait(false);
        return await SelectAsync(generated, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<Proposal>> ProposeCandidatesCoreAsync(int count, CancellationToken cancellationToken)
    {
        var generated = await GenerateAsync(count, cancellationToken).ConfigureAwait(false);
        var candidates = generated.Candidates;
        // The request that named the experts is paid for by the first candidate.
        if (generated.Preparation.Count > 0) candidates[0] = Proposal.Among(candidates[0], [], null, null, [candidates[0]], generated.Preparation);
        return candidates;
    }

    private sealed record Generated(List<Proposal> Candidates, List<Proposal> Preparation, List<string> Failures);

    private async Task<Generated> GenerateAsync(int count, CancellationToken cancellationToken)
    {
        var (system, user) = BuildPrompt();
        var results = new (Proposal Proposal, string System, string How)?[count];
        var failures = new (Exception Error, string How)?[count];
        var preparation = new List<Proposal>();

        async Task Ask(int i, string candidateSystem, float? temperature, string how)
        {
            try
            {
                results[i] = (await AskAsync(candidateSystem, user, temperature, cancellationToken).ConfigureAwait(false), candidateSystem, how);
            }
            catch (OptimizerRequestException e)
            {
                failures[i] = (e, how); // the other candidates may still make a step
            }
        }

        switch (Options.Generation)
        {
            case CandidateGeneration.TemperatureSpread:
                await ForEachAsync(count, i =>
                {
                    var temperature = Temperature(i, count);
                    return Ask(i, system, temperature, string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:0.##}"));
                }).ConfigureAwait(false);
                break;
            case CandidateGeneration.MultiExperts:
                var experts = Options.Experts is { Count: > 0 } given ? given : await ExpertsAsync(count, system, user, preparation, cancellationToken).ConfigureAwait(false);
                await ForEachAsync(count, i =>
                {
                    var expert = experts[i % experts.Count];
                    return Ask(i, MultiPrompts.Expert(expert) + system, Options.MinTemperature, $"expert: {expert}");
                }).ConfigureAwait(false);
                break;
            case CandidateGeneration.SelfRefinement:
            case CandidateGeneration.IterativeAlternatives:
                for (var i = 0; i < count; i++)
                {
                    var earlier = results.Take(i).Where(r => r is not null).Select(r => r!.Value.Proposal).ToList();
                    var candidateSystem = earlier.Count == 0 ? system
                        : Options.Generation == CandidateGeneration.SelfRefinement ? system + "\n\n" + MultiPrompts.Refine + earlier[^1].RawAnswer
                        : system + "\n\n" + MultiPrompts.Alternatives + string.Concat(earlier.Select((c, k) => $"Earlier answer {k + 1}:\n{c.RawAnswer}\n"));
                    var how = earlier.Count == 0 ? "first" : Options.Generation == CandidateGeneration.SelfRefinement ? "refines the one before" : "differs from the earlier ones";
                    await Ask(i, candidateSystem, Options.MinTemperature, how).ConfigureAwait(false);
                }

                break;
            default:
                throw new InvalidOperationException($"OptoPrimeMultiOptions.Generation has no generation named {Options.Generation}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (results.All(r => r is null)) throw failures.First(f => f is not null)!.Value.Error;
        // Candidates are numbered as they are kept: a failed request leaves no gap.
        var candidates = new List<Proposal>();
        foreach (var (proposal, candidateSystem, how) in results.Where(r => r is not null).Select(r => r!.Value))
        {
            proposal.Exchanges = [new ModelExchange($"candidate {candidates.Count + 1} ({how})", candidateSystem, user, proposal.RawAnswer)];
            candidates.Add(proposal);
        }

        var failed = failures.Where(f => f is not null).Select(f => $"The request for a candidate ({f!.Value.How}) failed and it was left out: {f.Value.Error.Message}").ToList();
        return new Generated(candidates, preparation, failed);
    }

    // Evenly from the lowest to the highest: the first candidate is the most conservative.
    private float Temperature(int i, int count) =>
        count == 1 ? Options.MinTemperature : Options.MinTemperature + i * (Options.MaxTemperature - Options.MinTemperature) / (count - 1);

    private async Task ForEachAsync(int count, Func<int, Task> body)
    {
        using var gate = new SemaphoreSlim(Options.MaxParallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await body(i).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    // The model names experts for the problem; what it cannot name is filled from a fixed list.
    private async Task<IReadOnlyList<string>> ExpertsAsync(int count, string system, string user, List<Proposal> preparation, CancellationToken cancellationToken)
    {
        var question = string.Format(CultureInfo.InvariantCulture, MultiPrompts.ExpertsUser, count, user);
        var (response, attempts) = await SendPlainAsync([new(ChatRole.System, MultiPrompts.ExpertsSystem), new(ChatRole.User, question)], cancellationToken).ConfigureAwait(false);
        preparation.Add(Proposal.Exchange("naming the experts", MultiPrompts.ExpertsSystem, question, response, attempts));
        var experts = new List<string>();
        if (KeyedAnswer.Read(response?.Text, "experts", out _) is { } answer && KeyedAnswer.Get(answer, "experts") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 and <= 200 } name && !name.Any(char.IsControl)) experts.Add(name.Trim());
            }
        }

        foreach (var fallback in MultiPrompts.DefaultExperts)
        {
            if (experts.Count >= count) break;
            if (!experts.Contains(fallback, StringComparer.OrdinalIgnoreCase)) experts.Add(fallback);
        }

        return [.. experts.Take(count)];
    }

    private async Task<Proposal> SelectAsync(Generated generated, CancellationToken cancellationToken)
    {
        var (candidates, preparation, failures) = generated;
        var note = failures.Count == 0 ? "" : " " + string.Join(" ", failures);
        Proposal Chosen(int index, string why, params Proposal[] requests) =>
            Proposal.Among(candidates[index], candidates, index, why + note, requests, preparation);

        var viable = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].IsApplicable).ToList();
        if (viable.Count == 0)
        {
            return Proposal.Among(candidates[0], candidates, null,
                "No candidate could be applied (each had a rejection); the first candidate's rejections are shown to the model next step." + note, [], preparation);
        }

        var changing = viable.Where(i => candidates[i].Changes.Count > 0).ToList();
        if (changing.Count == 0) return Chosen(viable[0], "No applicable candidate suggested a change.");
        if (changing.Count == 1) return Chosen(changing[0], $"Candidate {changing[0] + 1} is the only applicable one that suggests a change.");
        if (changing.Select(i => Signature(candidates[i])).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return Chosen(changing[0], "The applicable candidates suggest the same changes.");
        }

        switch (Options.Selection)
        {
            case CandidateSelection.Majority:
                {
                    var (index, why) = Majority(candidates, changing);
                    return Chosen(index, why);
                }

            case CandidateSelection.ByScore:
                {
                    var (index, why) = await ScoreAsync(candidates, changing, cancellationToken).ConfigureAwait(false);
                    return Chosen(index, why);
                }

            case CandidateSelection.Synthesis:
                {
                    var (system, user) = ComparisonPrompt(MultiPrompts.SynthesizeSystem + "\n\n" + OptoPrimePrompts.OutputFormat, candidates, changing);
                    var synthesized = await AskAsync(system, user, Options.MinTemperature, cancellationToken).ConfigureAwait(false);
                    synthesized.Exchanges = [new ModelExchange("synthesis of the candidates", system, user, synthesized.RawAnswer)];
                    if (synthesized.IsApplicable)
                    {
                        return Proposal.Among(synthesized, candidates, null,
                            $"Synthesized from candidates {string.Join(", ", changing.Select(i => i + 1))}." + note, [synthesized], preparation);
                    }

                    return Chosen(changing[0], $"The synthesis was rejected ({string.Join(" ", synthesized.Rejections)}); candidate {changing[0] + 1} was taken instead.", synthesized);
                }

            default:
                {
                    var (system, user) = ComparisonPrompt(MultiPrompts.ChooseSystem, candidates, changing);
                    var (response, attempts) = await SendPlainAsync([new(ChatRole.System, system), new(ChatRole.User, user)], cancellationToken).ConfigureAwait(false);
                    var request = Proposal.Exchange("choosing a candidate", system, user, response, attempts);
                    var (index, why) = ReadChoice(response?.Text, changing);
                    return Chosen(index, why, request);
                }
        }
    }

    private (string System, string User) ComparisonPrompt(string system, List<Proposal> candidates, List<int> shown)
    {
        var (_, problem) = BuildPrompt();
        var text = new StringBuilder(problem.EndsWith(OptoPrimePrompts.FinalPrompt + "\n", StringComparison.Ordinal) ? problem[..^(OptoPrimePrompts.FinalPrompt.Length + 1)] : problem);
        foreach (var i in shown)
        {
            var candidate = candidates[i];
            text.Append("\nCandidate ").Append(i + 1).Append(":\n");
            if (!string.IsNullOrWhiteSpace(candidate.Reasoning)) text.Append("reasoning: ").Append(candidate.Reasoning.Trim()).Append('\n');
            text.Append(Signature(candidate)).Append('\n');
        }

        return (system, text.Append('\n').Append(OptoPrimePrompts.FinalPrompt).Append('\n').ToString());
    }

    private static (int Index, string Why) ReadChoice(string? answer, List<int> shown)
    {
        var problem = "";
        if (KeyedAnswer.Read(answer, "choice", out var error) is { } read)
        {
            var choice = KeyedAnswer.Get(read, "choice")!.Value;
            var number = choice.ValueKind == JsonValueKind.Number && choice.TryGetInt32(out var n) ? n
                : choice.ValueKind == JsonValueKind.String && int.TryParse(choice.GetString()?.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                : -1;
            var reasoning = KeyedAnswer.Get(read, "reasoning") is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
            if (shown.Contains(number - 1)) return (number - 1, $"The model chose candidate {number}" + (string.IsNullOrWhiteSpace(reasoning) ? "." : ": " + ValueText.Truncate(reasoning.Trim(), 500)));
            problem = $"its choice {ValueText.Truncate(choice.GetRawText(), 40)} is not one of the candidates shown ({string.Join(", ", shown.Select(i => i + 1))})";
        }
        else
        {
            problem = error!;
        }

        return (shown[0], $"The model's choice could not be used ({problem}); candidate {shown[0] + 1} was taken.");
    }

    // Each candidate's votes: the candidates whose changes read nearly the same (80% of their words in place).
    private static (int Index, string Why) Majority(List<Proposal> candidates, List<int> changing)
    {
        var words = changing.ToDictionary(i => i, i => Signature(candidates[i]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var votes = changing.ToDictionary(i => i, i => changing.Count(j => Similarity(words[i], words[j]) >= 0.8));
        var best = changing.OrderByDescending(i => votes[i]).ThenBy(i => i).First();
        return (best, $"Candidate {best + 1} has the most similar candidates (votes: {string.Join(", ", changing.Select(i => $"{i + 1}: {votes[i]}"))}).");
    }

    private async Task<(int Index, string Why)> ScoreAsync(List<Proposal> candidates, List<int> changing, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<int, double>();
        foreach (var i in changing)
        {
            var candidate = candidates[i];
            var previous = candidate.Changes.Select(c => c.Parameter.Value).ToArray();
            var written = 0;
            try
            {
                foreach (var change in candidate.Changes)
                {
                    change.Parameter.SetValue(change.NewValue);
                    written++;
                }

                scores[i] = await Options.Score!(candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                scores[i] = double.NegativeInfinity; // a value its parameter refuses: this candidate loses
            }
            finally
            {
                for (var k = written - 1; k >= 0; k--) candidate.Changes[k].Parameter.SetValue(previous[k]);
            }
        }

        var best = changing.OrderByDescending(i => scores[i]).ThenBy(i => i).First();
        return (best, $"Candidate {best + 1} scored highest (scores: {string.Join(", ", changing.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i + 1}: {scores[i]:0.###}")))}).");
    }

    // What a candidate changes, as the model and the comparisons read it: one `name=json` line per change, by name.
    private static string Signature(Proposal candidate) =>
        string.Join("\n", candidate.Changes.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name}={ValueJson.Format(c.NewValue, c.Parameter.ValueType)}"));

    // 1 minus the word-level edit distance over the longer length.
    private static double Similarity(string[] a, string[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return 1 - (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }
}
