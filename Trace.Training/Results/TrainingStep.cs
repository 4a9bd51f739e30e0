using Opto.Optimizers;

namespace Opto.Training;

/// <summary>One optimizer step of a training run: the batch it learned from, the step's log, and the validation after it.</summary>
/// <param name="Number">1 for the first step.</param>
/// <param name="Epoch">1 for the first pass over the training set.</param>
/// <param name="Batch">The batch's rollouts (before the step).</param>
/// <param name="Log">The optimizer's log of the step: prompts, changes, rejections, tokens.</param>
/// <param name="Validation">The validation after the step, when one ran.</param>
/// <param name="Elapsed">Wall time of the step: rollouts, judging, backward, the optimizer and validation.</param>
/// <param name="Candidates">In a search step, every candidate scored (the current parameters first); otherwise empty.</param>
/// <param name="Usage">The step's tokens: the batch, the search's and the validation's rollouts and judgements, and the optimizer.</param>
public sealed record TrainingStep(int Number, int Epoch, Evaluation Batch, StepLog Log, Evaluation? Validation, TimeSpan Elapsed, IReadOnlyList<SearchCandidate> Candidates, TrainingUsage Usage);
