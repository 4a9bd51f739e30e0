namespace Opto.Training.Remote;

/// <summary>An agent a <see cref="RolloutHost"/> made for one rollout: its trainable parameters, how to run it, and the guide.</summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
/// <typeparam name="TOutput">What the agent returns.</typeparam>
/// <param name="Parameters">Its trainable parameters, named as the trainer's (for example <c>agent.TrainableParameters()</c>).</param>
/// <param name="Run">One run of the agent on an input.</param>
/// <param name="Guide">Judges the output.</param>
public sealed record RemoteAgent<TInput, TExpected, TOutput>(
    IReadOnlyList<ParameterNode> Parameters,
    Func<TInput, CancellationToken, Task<TOutput>> Run,
    IGuide<TInput, TExpected, TOutput> Guide);
