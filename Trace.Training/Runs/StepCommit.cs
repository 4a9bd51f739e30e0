using Opto.Optimizers;

namespace Opto.Training;

/// <summary>One step of a run as a store keeps it: plain data, everything a report or a resumed run needs.</summary>
/// <param name="Number">1 for the first step.</param>
/// <param name="Epoch">1 for the first pass over the training set.</param>
/// <param name="BatchInEpoch">The batch's position in its epoch, from 1.</param>
/// <param name="Batch">The batch's rollouts and judgements.</param>
/// <param name="Validation">The validation after the step, when one ran.</param>
/// <param name="Log">The optimizer's log of the step: prompts, the raw answer, changes, rejections, tokens.</param>
/// <param name="Candidates">In a search step, every candidate and its score; otherwise empty.</param>
/// <param name="ParametersBefore">The parameters before the step (<see cref="ParameterStore"/> format).</param>
/// <param name="ParametersAfter">The parameters after it.</param>
/// <param name="Usage">The step's tokens.</param>
/// <param name="Elapsed">The step's wall time.</param>
/// <param name="Graphs">The graphs of the batch's rollouts, values cut short.</param>
/// <param name="State">What the trainer carries to the next step.</param>
public sealed record StepCommit(
    int Number,
    int Epoch,
    int BatchInEpoch,
    Evaluation Batch,
    Evaluation? Validation,
    StepRecord Log,
    IReadOnlyList<CandidateRecord> Candidates,
    string ParametersBefore,
    string ParametersAfter,
    TrainingUsage Usage,
    TimeSpan Elapsed,
    IReadOnlyList<GraphRecord> Graphs,
    TrainerState State);
