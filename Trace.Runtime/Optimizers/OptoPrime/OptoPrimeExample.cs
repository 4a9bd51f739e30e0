namespace Opto.Optimizers;

/// <summary>A worked example shown to the model before the problem: a problem instance and a good response to it.</summary>
/// <param name="Problem">The example problem, in the same format as the real one.</param>
/// <param name="Response">The response the model should have given.</param>
public sealed record OptoPrimeExample(string Problem, string Response);
