namespace Opto.Training;

/// <summary>How a run ended.</summary>
/// <param name="Steps">How many steps it took in all.</param>
/// <param name="BestStep">The step whose parameters were best; 0 for the parameters before training.</param>
/// <param name="RestoredBest">Whether the best parameters were restored at the end.</param>
/// <param name="StoppedEarly">Whether the run stopped early.</param>
/// <param name="FinalParameters">The parameters the run ended with (<see cref="ParameterStore"/> format).</param>
public sealed record RunFinish(int Steps, int BestStep, bool RestoredBest, bool StoppedEarly, string FinalParameters);
