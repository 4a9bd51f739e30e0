namespace Opto.Optimizers;

/// <summary>How <see cref="OptoPrimeMulti"/> makes its candidates differ.</summary>
public enum CandidateGeneration
{
    /// <summary>The same problem at temperatures spread evenly from <see cref="OptoPrimeMultiOptions.MinTemperature"/> to <see cref="OptoPrimeMultiOptions.MaxTemperature"/>, asked concurrently.</summary>
    TemperatureSpread,

    /// <summary>Each candidate after the first is asked to improve on the one before it (one request after another).</summary>
    SelfRefinement,

    /// <summary>Each candidate after the first is shown every earlier one and asked for a different solution (one request after another).</summary>
    IterativeAlternatives,

    /// <summary>
    /// Each candidate answers as a different expert (<see cref="OptoPrimeMultiOptions.Experts"/>, or experts the model names
    /// for the problem in one more request), asked concurrently.
    /// </summary>
    MultiExperts,
}
