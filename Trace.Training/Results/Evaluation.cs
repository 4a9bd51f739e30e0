namespace Opto.Training;

/// <summary>The agent's judged results on a set of examples.</summary>
/// <param name="Rollouts">Each example's result, in the set's order.</param>
public sealed record Evaluation(IReadOnlyList<RolloutResult> Rollouts)
{
    /// <summary>The mean score (0 for an empty set).</summary>
    public double MeanScore => Rollouts.Count == 0 ? 0 : Rollouts.Average(r => r.Judgement.Score);

    /// <summary>The share of correct outputs (0 for an empty set).</summary>
    public double Accuracy => Rollouts.Count == 0 ? 0 : Rollouts.Count(r => r.Judgement.Correct) / (double)Rollouts.Count;

    /// <summary>The tokens the agent and the guide spent on these examples.</summary>
    public TrainingUsage Usage => new(
        Optimizers.Tokens.Sum(Rollouts.Select(r => r.AgentUsage)), Optimizers.Tokens.Sum(Rollouts.Select(r => r.GuideUsage)), new Microsoft.Extensions.AI.UsageDetails())
    {
        ByModel = TrainingUsage.SumByModel(Rollouts.Select(r => r.UsageByModel)),
    };

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mean score {MeanScore:0.###}, accuracy {Accuracy:P0} over {Rollouts.Count} examples");
}
