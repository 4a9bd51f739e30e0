using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>Runs the shop agent once in a trace scope and gives feedback on its answer.</summary>
internal static class Rollout
{
    public const string Feedback = "Too long: the customer left before the end.";

    public static string Run(ShopAgent agent, Optimizer optimizer, string customer = "Ana", string feedback = Feedback)
    {
        using var scope = TraceScope.Begin("rollout");
        var answer = agent.Shorten(agent.Reply(customer));
        optimizer.ZeroFeedback();
        optimizer.Backward(answer, feedback);
        return answer;
    }

    /// <summary>Every parameter's value as JSON: equal before and after means nothing changed.</summary>
    public static string Values(ShopAgent agent) => System.Text.Json.JsonSerializer.Serialize(new
    {
        agent.SystemPrompt, agent.MaxWords, agent.Tone, agent.Products, agent.Pricing, agent.UpSell, agent.Temperature,
    });
}
