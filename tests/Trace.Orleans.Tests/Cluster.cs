using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Opto;
using Opto.Orleans;
using Opto.Testing;
using Opto.Training;
using Opto.Training.Remote;
using Orleans.TestingHost;

namespace Trace.Orleans.Tests;

/// <summary>
/// A deterministic model shared by the trainer and the silos of a test cluster in this process, and the silos'
/// registration of the labeller: the model labels by a hash of the instruction and the ticket, and the optimizer's
/// suggestion is a hash of its whole prompt, so any difference in what the optimizer sees changes every later step.
/// </summary>
public static class Cluster
{
    public static readonly string[] Labels = ["billing", "technical", "other"];

    public static TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public static OfflineChatModel Model { get; } = new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
            $$$"""{"reasoning": "r", "answer": null, "suggestion": {"LabelAgent.Instruction": "Label it, variant {{{Hash(r.User) % 100_000}}}."}}""")
        .When(_ => true, r => Labels[Hash(r.System + "|" + r.User) % 3]);

    // The optimizer rewrites CodeLabelAgent.Shape with a suffix that depends on its whole prompt.
    public static OfflineChatModel CodeModel { get; } = new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
            $$$"""{"reasoning": "r", "answer": null, "suggestion": {"CodeLabelAgent.Shape": "/// <summary>Reads the label from the model's answer.</summary>\npublic static string Shape(string answer) => answer.Trim() + \"-{{{Hash(r.User) % 97}}}\";"}}""")
        .When(_ => true, r => Labels[Hash(r.User) % 3]);

    public static List<Example<string, string>> Examples(int count, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => new Example<string, string>($"ticket {i}: about {Labels[i % 3]}", Labels[(i * 7) % 3], $"t{i:000}"))];

    public static async Task<TestCluster> StartAsync(short silos)
    {
        var cluster = new TestClusterBuilder(silos).AddSiloBuilderConfigurator<Silo>().Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static int Hash(string text) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))) & int.MaxValue);

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.AddOptoRolloutHost((_, host) => host
                .Add("labels", () =>
                {
                    var agent = new LabelAgent(Model.CreateClient());
                    return new RemoteAgent<string, string, string>(agent.TrainableParameters(), (ticket, _) => agent.ClassifyAsync(ticket), new ExactMatchGuide<string, string>());
                })
                .Add("code-labels", () =>
                {
                    var agent = new CodeLabelAgent(CodeModel.CreateClient());
                    return new RemoteAgent<string, string, string>(agent.TrainableParameters(), (ticket, _) => agent.ClassifyAsync(ticket), new ExactMatchGuide<string, string>());
                }));
    }
}
