namespace Opto.Optimizers;

/// <summary>How <see cref="OptoPrimeMulti"/> chooses among its candidates.</summary>
public enum CandidateSelection
{
    /// <summary>The model is shown the problem and the candidates and names the most promising one (one more request).</summary>
    ByModel,

    /// <summary>The model combines the candidates' best elements into one new answer, which is checked like any other (one more request).</summary>
    Synthesis,

    /// <summary>The candidate most others resemble (by the text of their changes); no request.</summary>
    Majority,

    /// <summary>
    /// <see cref="OptoPrimeMultiOptions.Score"/> scores each candidate with its values in place (then restored); the highest
    /// wins. No request to the optimizer's model.
    /// </summary>
    ByScore,
}
