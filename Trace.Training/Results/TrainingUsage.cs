using System.Globalization;
using Microsoft.Extensions.AI;
using Opto.Optimizers;

namespace Opto.Training;

/// <summary>Tokens spent in training, by who spent them.</summary>
/// <param name="Agent">The agent's own model calls, counted when its client has <see cref="UsageCountingChatClientBuilderExtensions.UseTrainingUsage"/>.</param>
/// <param name="Guide">The guides' calls (an LLM judge, an evaluator with a model).</param>
/// <param name="Optimizer">The optimizer's requests.</param>
public sealed record TrainingUsage(UsageDetails Agent, UsageDetails Guide, UsageDetails Optimizer)
{
    /// <summary>
    /// The same tokens by model, as the responses named it (agent and guide calls counted through
    /// <see cref="UsageCountingChatClient"/>, and the optimizer's); "(model not named)" for responses that named none.
    /// </summary>
    public IReadOnlyDictionary<string, UsageDetails> ByModel { get; init; } = new Dictionary<string, UsageDetails>(StringComparer.Ordinal);

    /// <summary>No tokens.</summary>
    public static TrainingUsage None => new(new UsageDetails(), new UsageDetails(), new UsageDetails());

    /// <summary>Every token counted, whoever spent it.</summary>
    public UsageDetails Total => Tokens.Sum([Agent, Guide, Optimizer]);

    /// <summary>The sum of <paramref name="usages"/>.</summary>
    /// <param name="usages">The usages to add up.</param>
    public static TrainingUsage Sum(IEnumerable<TrainingUsage> usages)
    {
        ArgumentNullException.ThrowIfNull(usages);
        var list = usages as IReadOnlyCollection<TrainingUsage> ?? [.. usages];
        return new(Tokens.Sum(list.Select(u => u.Agent)), Tokens.Sum(list.Select(u => u.Guide)), Tokens.Sum(list.Select(u => u.Optimizer)))
        {
            ByModel = SumByModel(list.Select(u => u.ByModel)),
        };
    }

    internal static string ModelKey(string? model) => string.IsNullOrWhiteSpace(model) ? "(model not named)" : model;

    internal static Dictionary<string, UsageDetails> SumByModel(IEnumerable<IReadOnlyDictionary<string, UsageDetails>?> byModels) =>
        byModels.Where(m => m is not null).SelectMany(m => m!)
            .GroupBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Tokens.Sum(g.Select(m => m.Value)), StringComparer.Ordinal);

    /// <summary>"agent 1200 in + 30 out = 1230 tokens; guide …; optimizer …".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"agent {Tokens.Describe(Agent)}; guide {Tokens.Describe(Guide)}; optimizer {Tokens.Describe(Optimizer)}");
}
