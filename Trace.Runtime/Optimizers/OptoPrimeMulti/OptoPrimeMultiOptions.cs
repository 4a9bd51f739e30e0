namespace Opto.Optimizers;

/// <summary>Settings of <see cref="OptoPrimeMulti"/>: those of <see cref="OptoPrime"/>, and how candidates are made and chosen.</summary>
public sealed class OptoPrimeMultiOptions : OptoPrimeOptions
{
    /// <summary>How many candidates a step asks for. Default 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int Candidates
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 3;

    /// <summary>How candidates are made to differ. Default <see cref="CandidateGeneration.TemperatureSpread"/>.</summary>
    public CandidateGeneration Generation { get; set; } = CandidateGeneration.TemperatureSpread;

    /// <summary>How one candidate is chosen. Default <see cref="CandidateSelection.ByModel"/>.</summary>
    public CandidateSelection Selection { get; set; } = CandidateSelection.ByModel;

    /// <summary>
    /// The lowest temperature of <see cref="CandidateGeneration.TemperatureSpread"/> (the first candidate's). Default 0.
    /// With it or <see cref="MaxTemperature"/> <see langword="null"/>, no temperature is sent (for models that refuse one).
    /// The other generations, the choice and the synthesis use <see cref="OptimizerOptions.Temperature"/>.
    /// </summary>
    public float? MinTemperature { get; set; } = 0f;

    /// <summary>The highest temperature of <see cref="CandidateGeneration.TemperatureSpread"/> (the last candidate's). Default 1.</summary>
    public float? MaxTemperature { get; set; } = 1f;

    /// <summary>
    /// The experts of <see cref="CandidateGeneration.MultiExperts"/>, used in turn (for example "Prompt engineer",
    /// "Customer support lead"); <see langword="null"/>: the model names them for the problem.
    /// </summary>
    public IReadOnlyList<string>? Experts { get; set; }

    /// <summary>
    /// Scores a candidate for <see cref="CandidateSelection.ByScore"/>: it runs while the candidate's values are in place
    /// (they are restored after), so it can simply run the agent and judge it; higher is better. It is given the candidate.
    /// </summary>
    public Func<Proposal, CancellationToken, Task<double>>? Score { get; set; }

    /// <summary>How many candidate requests run at once (<see cref="CandidateGeneration.TemperatureSpread"/>, <see cref="CandidateGeneration.MultiExperts"/>). Default 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxParallelism
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 4;
}
