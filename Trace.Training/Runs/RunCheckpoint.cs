namespace Opto.Training;

/// <summary>Where a stored run stopped: what the trainer needs to go on as if it had never stopped.</summary>
/// <param name="InitialParameters">The parameters the run started from (<see cref="ParameterStore"/> format).</param>
/// <param name="InitialValidation">The validation before the first step, when it was committed.</param>
/// <param name="LastStep">The last committed step, or <see langword="null"/> when none was.</param>
/// <param name="BestValidation">The best validation so far (the initial one included), when there is one.</param>
/// <param name="BestParameters">The parameters of <paramref name="BestValidation"/>, in the <see cref="ParameterStore"/> format.</param>
/// <param name="Usage">The tokens of the committed steps.</param>
/// <param name="Finish">How the run finished, when it did.</param>
public sealed record RunCheckpoint(
    string InitialParameters,
    Evaluation? InitialValidation,
    StepCommit? LastStep,
    Evaluation? BestValidation,
    string? BestParameters,
    TrainingUsage Usage,
    RunFinish? Finish);
