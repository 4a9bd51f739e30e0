namespace Opto.Training;

/// <summary>Where a stored run stopped: what the trainer needs to go on as if it had never stopped.</summary>
/// <param name="InitialValidation">The validation before the first step, when it was committed.</param>
/// <param name="LastStep">The last committed step, or <see langword="null"/> when none was.</param>
/// <param name="BestValidation">The best validation so far (the initial one included), when there is one.</param>
/// <param name="BestParameters">The parameters of <paramref name="BestValidation"/>, in the <see cref="ParameterStore"/> format.</param>
/// <param name="Finished">Whether the run was finished.</param>
public sealed record RunCheckpoint(Evaluation? InitialValidation, StepCommit? LastStep, Evaluation? BestValidation, string? BestParameters, bool Finished);
