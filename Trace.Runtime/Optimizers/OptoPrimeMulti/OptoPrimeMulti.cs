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
/// <see cref="Proposal.Selection"/>). For a trainer's search,
/// <see cref="Optimizer.ProposeCandidatesAsync(int, CancellationToken)"/> returns the candidates unchosen, and the search
/// scores them on its validation set.
/// </summary>
/// <remarks>
/// A candidate whose request fails is left out (the others make the step; the step throws only when every one fails). A
/// choice, synthesis or experts request that fails or answers unusably falls back to the first candidate that changes
/// something (or to fixed experts), and <see cref="Proposal.Selection"/> says so.
/// </remarks>
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

    // A candidate's values as the choice shows them: long values are cut, the model still tells them apart. Refinement,
    // alternatives and synthesis show them whole: the model writes values from them.
    private int ChoiceValueLength => (int)Math.Min(4L * Options.MaxValueLength, int.MaxValue);

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        if (Options.Selection == CandidateSelection.ByScore && Options.Score is null)
        {
            throw new InvalidOperationException("OptoPrimeMultiOptions.Selection is ByScore but Score is not set: give the function that scores a candidate (it runs with the candidate's values in place).");
        }

        var generated = await GenerateAsync(Options.Candidates, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SelectAsync(generated, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A score function that threw, or a cancellation: the candidates were answered and paid for.
            SpentOnFailedProposal(Tokens.Sum(generated.Preparation.Concat(generated.Candidates).Concat(generated.Failed).Select(p => p.Usage)));
            throw;
        }
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<Proposal>> ProposeCandidatesCoreAsync(int count, CancellationToken cancellationToken)
    {
        var generated = await GenerateAsync(count, cancellationToken).ConfigureAwait(false);
        // A failed request is a candidate that cannot be applied: the search sees it, with its attempts, and scores it last.
        List<Proposal> candidates = [.. generated.Candidates, .. generated.Failed];
        // The request that named the experts is paid for by the first candidate.
        if (generated.Preparation.Count > 0) candidates[0] = Proposal.Among(candidates[0], [], null, null, [candidates[0]], generated.Preparation);
        return candidates;
    }

    private sealed record Generated(List<Proposal> Candidates, List<Proposal> Preparation, List<Proposal> Failed, List<string> Notes, string User);

    private async Task<Generated> GenerateAsync(int count, CancellationToken cancellationToken)
    {
        var (system, user) = BuildPrompt();
        var results = new (Proposal Proposal, string User, string How)?[count];
        var failures = new (OptimizerRequestException Error, string User, string How)?[count];
        var preparation = new List<Proposal>();
        var notes = new List<string>();

        async Task Ask(int i, string candidateUser, float? temperature, string how)
        {
            try
            {
                results[i] = (await AskAsync(system, candidateUser, temperature, cancellationToken).ConfigureAwait(false), candidateUser, how);
            }
            catch (OptimizerRequestException e)
            {
                failures[i] = (e, candidateUser, how); // the other candidates may still make a step
            }
        }

        try
        {
            await GenerateAsync(count, system, user, Ask, preparation, notes, results, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (results.All(r => r is null)) throw failures.First(f => f is not null)!.Value.Error;
        }
        catch (Exception)
        {
            // The requests answered before the failure (the experts, some candidates) were paid for.
            SpentOnFailedProposal(Tokens.Sum(preparation.Concat(results.Where(r => r is not null).Select(r => r!.Value.Proposal)).Select(p => p.Usage)));
            throw;
        }

        // Candidates are numbered as they are kept: a failed request leaves no gap.
        var candidates = new List<Proposal>();
        foreach (var (proposal, candidateUser, how) in results.Where(r => r is not null).Select(r => r!.Value))
        {
            proposal.Exchanges = [new ModelExchange($"candidate {candidates.Count + 1} ({how})", system, candidateUser, proposal.RawAnswer)];
            candidates.Add(proposal);
        }

        var failed = new List<Proposal>();
        foreach (var (error, candidateUser, how) in failures.Where(f => f is not null).Select(f => f!.Value))
        {
            notes.Add($"The request for a candidate ({how}) failed and it was left out: {error.Message}");
            failed.Add(Proposal.Failed($"candidate ({how})", system, candidateUser, error));
        }

        return new Generated(candidates, preparation, failed, notes, user);
    }

    // Asks for the candidates the way Generation says, one slot of results each.
    private async Task GenerateAsync(int count, string system, string user, Func<int, string, float?, string, Task> ask, List<Proposal> preparation, List<string> notes,
        (Proposal Proposal, string User, string How)?[] results, CancellationToken cancellationToken)
    {
        switch (Options.Generation)
        {
            case CandidateGeneration.TemperatureSpread:
                await StepTasks.ForEachAsync(count, Options.MaxParallelism, i =>
                {
                    var temperature = Temperature(i, count);
                    return ask(i, user, temperature, temperature is { } t ? string.Create(CultureInfo.InvariantCulture, $"temperature {t:0.##}") : "the model's temperature");
                }).ConfigureAwait(false);
                break;
            case CandidateGeneration.MultiExperts:
                var experts = Options.Experts is { Count: > 0 } given ? given : await ExpertsAsync(count, user, preparation, notes, cancellationToken).ConfigureAwait(false);
                await StepTasks.ForEachAsync(count, Options.MaxParallelism, i =>
                {
                    var expert = experts[i % experts.Count];
                    var role = MultiPrompts.Expert(expert);
                    return ask(i, role + UserPromptLeavingRoomFor(system, role, "the expert's role", user), Options.Temperature, $"expert: {expert}");
                }).ConfigureAwait(false);
                break;
            case CandidateGeneration.SelfRefinement:
            case CandidateGeneration.IterativeAlternatives:
                for (var i = 0; i < count; i++)
                {
                    var earlier = results.Take(i).Where(r => r is not null).Select(r => r!.Value.Proposal).ToList();
                    var refine = Options.Generation == CandidateGeneration.SelfRefinement;
                    var shown = earlier.Count == 0 ? ""
                        : refine ? MultiPrompts.Refine + "Previous answer:\n" + CandidateComparison.Describe(earlier[^1], int.MaxValue)
                        : MultiPrompts.Alternatives + string.Concat(earlier.Select((c, k) => $"Earlier answer {k + 1}:\n{CandidateComparison.Describe(c, int.MaxValue)}"));
                    // The earlier answers are shown whole: the problem gives way to them when both do not fit, and when even that
                    // leaves no room, the step goes on with the candidates it has.
                    string candidateUser;
                    try
                    {
                        candidateUser = earlier.Count == 0 ? user
                            : CandidateComparison.Before(UserPromptLeavingRoomFor(system, shown, refine ? "the previous answer" : "the earlier answers", user), shown);
                    }
                    catch (InvalidOperationException e) when (PromptLimit.IsExceeded(e) && earlier.Count > 0)
                    {
                        notes.Add($"Candidates {i + 1} to {count} were not asked for: with the {(refine ? "previous answer" : "earlier answers")} they would not fit the prompt's token budget (MaxPromptTokens). Lower Candidates or raise MaxPromptTokens.");
                        break;
                    }

                    var how = earlier.Count == 0 ? "first" : refine ? "refines the one before" : "differs from the earlier ones";
                    await ask(i, candidateUser, Options.Temperature, how).ConfigureAwait(false);
                }

                break;
            default:
                throw new InvalidOperationException($"OptoPrimeMultiOptions.Generation has no generation named {Options.Generation}.");
        }
    }

    // Evenly from the lowest to the highest: the first candidate is the most conservative.
    private float? Temperature(int i, int count) => (Options.MinTemperature, Options.MaxTemperature) switch
    {
        ({ } min, { } max) => count == 1 ? min : min + i * (max - min) / (count - 1),
        _ => null,
    };

    // The model names experts for the problem; what it cannot name is filled from a fixed list.
    private async Task<IReadOnlyList<string>> ExpertsAsync(int count, string user, List<Proposal> preparation, List<string> notes, CancellationToken cancellationToken)
    {
        var asking = string.Format(CultureInfo.InvariantCulture, MultiPrompts.ExpertsUser, count, "");
        var question = string.Format(CultureInfo.InvariantCulture, MultiPrompts.ExpertsUser, count, UserPromptLeavingRoomFor(MultiPrompts.ExpertsSystem, asking, "the question", user, withSchema: false));
        var (request, answer, failure) = await TryPlainAsync("naming the experts", MultiPrompts.ExpertsSystem, question, cancellationToken).ConfigureAwait(false);
        preparation.Add(request);
        var experts = new List<string>();
        string? problem = failure;
        if (answer is not null)
        {
            if (KeyedAnswer.Read(answer, "experts", out var error) is { } read && KeyedAnswer.Get(read, "experts") is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 and <= 200 } name && !name.Any(char.IsControl)) experts.Add(name);
                }
            }
            else
            {
                problem = error ?? "\"experts\" is not a list";
            }
        }

        if (experts.Count < count)
        {
            notes.Add($"The model named {experts.Count} usable experts of {count}" + (problem is null ? "" : $" ({problem})") + "; fixed experts filled the rest.");
            foreach (var fallback in MultiPrompts.DefaultExperts)
            {
                if (experts.Count >= count) break;
                if (!experts.Contains(fallback, StringComparer.OrdinalIgnoreCase)) experts.Add(fallback);
            }
        }

        return [.. experts.Take(count)];
    }

    // A request whose answer is text to read (a choice, experts): a failure is a fallback, not the end of the step.
    private async Task<(Proposal Request, string? Answer, string? Failure)> TryPlainAsync(string purpose, string system, string user, CancellationToken cancellationToken)
    {
        try
        {
            var (response, attempts) = await SendPlainAsync([new(ChatRole.System, system), new(ChatRole.User, user)], cancellationToken).ConfigureAwait(false);
            return (Proposal.Exchange(purpose, system, user, response, attempts), response?.Text ?? "", null);
        }
        catch (OptimizerRequestException e)
        {
            return (Proposal.Failed(purpose, system, user, e), null, $"the request failed: {e.Message}");
        }
    }

    private async Task<Proposal> SelectAsync(Generated generated, CancellationToken cancellationToken)
    {
        var (candidates, _, _, notes, _) = generated;
        // What was asked before the candidates came (the experts) and the requests that failed stay in the step's log.
        List<Proposal> preparation = [.. generated.Preparation, .. generated.Failed];
        var note = notes.Count == 0 ? "" : " " + string.Join(" ", notes);
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
        if (changing.Select(i => CandidateComparison.Changes(candidates[i])).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return Chosen(changing[0], "The applicable candidates suggest the same changes.");
        }

        switch (Options.Selection)
        {
            case CandidateSelection.Majority:
                {
                    var (index, why) = CandidateComparison.Majority(candidates, changing, cancellationToken);
                    return Chosen(index, why);
                }

            case CandidateSelection.ByScore:
                {
                    var (index, why) = await ScoreAsync(candidates, changing, cancellationToken).ConfigureAwait(false);
                    return Chosen(index, why);
                }

            case CandidateSelection.Synthesis:
                {
                    var system = MultiPrompts.SynthesizeSystem + "\n\n" + OptoPrimePrompts.OutputFormat;
                    if (ComparisonPrompt(system, generated.User, candidates, changing, int.MaxValue, withSchema: true) is not { } user)
                    {
                        return Chosen(changing[0], $"The candidates do not fit the prompt's token budget together with the variables, outputs and feedback; candidate {changing[0] + 1} was taken without a synthesis.");
                    }

                    Proposal synthesized;
                    try
                    {
                        synthesized = await AskAsync(system, user, Options.Temperature, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OptimizerRequestException e)
                    {
                        return Chosen(changing[0], $"The synthesis request failed ({e.Message}); candidate {changing[0] + 1} was taken instead.", Proposal.Failed("synthesis of the candidates", system, user, e));
                    }

                    synthesized.Exchanges = [new ModelExchange("synthesis of the candidates", system, user, synthesized.RawAnswer)];
                    if (synthesized.IsApplicable && synthesized.Changes.Count > 0)
                    {
                        return Proposal.Among(synthesized, candidates, null,
                            $"Synthesized from candidates {string.Join(", ", changing.Select(i => i + 1))}." + note, [synthesized], preparation);
                    }

                    var why = synthesized.IsApplicable ? "The synthesis suggested no change" : $"The synthesis was rejected ({string.Join(" ", synthesized.Rejections)})";
                    return Chosen(changing[0], $"{why}; candidate {changing[0] + 1} was taken instead.", synthesized);
                }

            default:
                {
                    if (ComparisonPrompt(MultiPrompts.ChooseSystem, generated.User, candidates, changing, ChoiceValueLength, withSchema: false) is not { } user)
                    {
                        return Chosen(changing[0], $"The candidates do not fit the prompt's token budget together with the variables, outputs and feedback; candidate {changing[0] + 1} was taken without a choice.");
                    }

                    var (request, answer, failure) = await TryPlainAsync("choosing a candidate", MultiPrompts.ChooseSystem, user, cancellationToken).ConfigureAwait(false);
                    var (index, why) = failure is null ? CandidateComparison.ReadChoice(answer, changing)
                        : (changing[0], $"The model's choice could not be used ({failure}); candidate {changing[0] + 1} was taken.");
                    return Chosen(index, why, request);
                }
        }
    }

    // The problem the candidates answered (compacted further if they need the room), then each candidate that changes
    // something; null when they leave no room for the variables, outputs and feedback.
    private string? ComparisonPrompt(string system, string problem, List<Proposal> candidates, List<int> shown, int maxValueLength, bool withSchema)
    {
        var text = new StringBuilder();
        foreach (var i in shown) text.Append("Candidate ").Append(i + 1).Append(":\n").Append(CandidateComparison.Describe(candidates[i], maxValueLength)).Append('\n');
        try
        {
            return CandidateComparison.Before(UserPromptLeavingRoomFor(system, text.ToString(), "the candidates", problem, withSchema), text.ToString());
        }
        catch (InvalidOperationException e) when (PromptLimit.IsExceeded(e))
        {
            return null;
        }
    }

    private async Task<(int Index, string Why)> ScoreAsync(List<Proposal> candidates, List<int> changing, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<int, double>();
        var refused = new List<string>();
        foreach (var i in changing)
        {
            var candidate = candidates[i];
            var (score, refusal) = await CandidateTrial.RunAsync(candidate.Changes, () => Options.Score!(candidate, cancellationToken)).ConfigureAwait(false);
            if (refusal is null) scores[i] = score;
            else refused.Add($"candidate {i + 1}: {refusal}");
        }

        var refusedNote = refused.Count == 0 ? "" : $" Not scored, a value was refused: {string.Join("; ", refused)}.";
        var scored = changing.Where(i => scores.ContainsKey(i)).ToList();
        if (scored.Count == 0) return (changing[0], $"No candidate could be scored; candidate {changing[0] + 1} was taken (its refused value is not applied).{refusedNote}");
        var best = scored.OrderByDescending(i => scores[i]).ThenBy(i => i).First();
        return (best, $"Candidate {best + 1} scored highest (scores: {string.Join(", ", scored.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i + 1}: {scores[i]:0.###}")))}).{refusedNote}");
    }
}
