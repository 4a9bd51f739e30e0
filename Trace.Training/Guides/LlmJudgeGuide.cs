using Microsoft.Extensions.AI;
using Opto.Optimizers;

namespace Opto.Training;

/// <summary>
/// Asks a model to judge an output against a rubric, given the input and the expected output. The model answers
/// <c>{"score": 0..1, "critique": "...", "correct": true|false}</c>; an answer that cannot be used is sent back once
/// with its problem, and a second one throws <see cref="JudgeAnswerException"/>. Requests are retried like the
/// optimizers' (<see cref="RetryingChatClient"/>).
/// </summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public sealed class LlmJudgeGuide<TInput, TExpected, TOutput> : IGuide<TInput, TExpected, TOutput>
{
    private const int MaxAnswers = 2;

    private readonly IChatClient _client;
    private readonly ChatOptions? _options;
    private readonly RetryOptions _retry;
    private readonly UsageDetails _usage = new();
    private readonly Lock _usageLock = new();

    /// <summary>Creates the guide.</summary>
    /// <param name="client">The judge model; wrapped in a <see cref="RetryingChatClient"/> unless it has one.</param>
    /// <param name="rubric">What a good output is: the criteria the judge grades by.</param>
    /// <param name="options">Options for the judge's requests (model, temperature); none by default.</param>
    /// <param name="retry">How failed requests are retried when the client has no <see cref="RetryingChatClient"/>; default <see cref="RetryOptions"/>.</param>
    public LlmJudgeGuide(IChatClient client, string rubric, ChatOptions? options = null, RetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(rubric);
        _retry = retry ?? new RetryOptions();
        _client = UsageCountingChatClient.Wrap(client.GetService<RetryingChatClient>() is null ? new RetryingChatClient(client, _retry) : client);
        _options = options;
        Rubric = rubric;
    }

    /// <summary>The criteria the judge grades by.</summary>
    public string Rubric { get; }

    /// <summary>The tokens of every request this guide has sent, added up (a copy).</summary>
    public UsageDetails Usage
    {
        get
        {
            lock (_usageLock) return Tokens.Sum([_usage]);
        }
    }

    /// <inheritdoc />
    /// <exception cref="JudgeAnswerException">The judge's answer could not be used twice in a row.</exception>
    /// <exception cref="OptimizerRequestException">A request failed as often as the retry options allow.</exception>
    public async ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        var messages = JudgePrompt.Build(Rubric, example, output);
        for (var answers = 1; ; answers++)
        {
            var (response, _) = await ChatRequester.SendAsync(_client, messages, _options?.Clone() ?? new ChatOptions(), _retry, cancellationToken).ConfigureAwait(false);
            if (response?.Usage is { } usage) AddUsage(usage);

            var text = response?.Text;
            var (judgement, problem) = response is null
                ? (null, "its text is not valid (it contains half of a UTF-16 surrogate pair).")
                : JudgeAnswer.Read(text);
            if (judgement is not null) return judgement;

            if (answers == MaxAnswers)
            {
                throw new JudgeAnswerException(
                    $"The judge's answer for example {Name(example)} could not be used after {MaxAnswers} answers: {problem}", example.Id, text);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, text ?? ""));
            messages.Add(JudgePrompt.Correction(problem!));
        }
    }

    private void AddUsage(UsageDetails usage)
    {
        lock (_usageLock) _usage.Add(usage);
    }

    private static string Name(Example<TInput, TExpected> example) =>
        example.Id is { } id ? $"'{id}'" : $"with input '{ValueText.Format(example.Input, 80)}'";
}
