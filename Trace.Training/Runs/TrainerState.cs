namespace Opto.Training;

/// <summary>What the trainer carries from one step to the next, besides the parameters.</summary>
/// <param name="BestStep">The step of the best validation so far; 0 for the parameters before training.</param>
/// <param name="SinceBest">Validations since the best one (for early stopping).</param>
/// <param name="StoppedEarly">Whether the run stops after this step.</param>
/// <param name="OptimizerState">The optimizer's state (<see cref="Opto.Optimizers.Optimizer.ExportState"/>).</param>
public sealed record TrainerState(int BestStep, int SinceBest, bool StoppedEarly, System.Text.Json.Nodes.JsonObject OptimizerState);
