using System.Text.Json.Nodes;

namespace Opto.Training;

/// <summary>What a run trains, on what, and how: what a store checks before it resumes a run.</summary>
/// <param name="Algorithm">"minibatch", or "search" with several proposals per step.</param>
/// <param name="Options">The trainer's options as JSON (epochs, batch size, seed, validation, search).</param>
/// <param name="Optimizer">The optimizer's type name.</param>
/// <param name="DatasetFingerprint">A SHA-256 of the training and validation examples (ids, inputs, expected outputs), in order.</param>
/// <param name="TrainCount">How many training examples.</param>
/// <param name="ValidationCount">How many validation examples (0 without validation).</param>
/// <param name="Parameters">The trained parameters' names and types.</param>
/// <param name="InitialParameters">The parameters' values before training, in the <see cref="ParameterStore"/> format.</param>
public sealed record RunDescription(
    string Algorithm,
    JsonObject Options,
    string Optimizer,
    string DatasetFingerprint,
    int TrainCount,
    int ValidationCount,
    IReadOnlyList<ParameterSignature> Parameters,
    string InitialParameters);
