using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// The library's spans and metrics reach OpenTelemetry's SDK (in-memory exporter): a step span with its outcome and
/// tokens, the model call under it in the GenAI conventions (Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>), a
/// compile span, and the step, token, rejection and compile-time metrics. Logs never carry the API key.
/// </summary>
[NonParallelizable]
public class TelemetryTests
{
    private const string GoodAnswer = """
        {"reasoning": "The reply is cut; ask for brevity and keep more words.",
         "answer": null,
         "suggestion": {"ShopAgent.SystemPrompt": "You are a sales agent. Answer in one short sentence.", "ShopAgent.MaxWords": 12}}
        """;

    [Test]
    public async Task A_step_is_a_span_with_the_model_call_under_it_and_counts_in_the_metrics()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddInMemoryExporter(activities).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(OptoTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer, promptTokens: 321, completionTokens: 45);
        using var chat = server.OpenAIClient().AsBuilder().UseOpenTelemetry(sourceName: OptoTelemetry.SourceName).Build();
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat);
        Rollout.Run(agent, optimizer);

        var log = await optimizer.StepAsync();
        meters!.ForceFlush();

        var step = activities.Single(a => a.OperationName == "opto.optimizer.step");
        Assert.That(log.Applied, Has.Count.EqualTo(2));
        Assert.That(step.GetTagItem("opto.optimizer"), Is.EqualTo("OptoPrime"));
        Assert.That(step.GetTagItem("opto.outcome"), Is.EqualTo("applied"));
        Assert.That(step.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(321L));
        var call = activities.Single(a => a.GetTagItem("gen_ai.operation.name") is "chat");
        Assert.That(call.ParentSpanId, Is.EqualTo(step.SpanId), "the model call nests under the step");
        Assert.That(call.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(321));
        Assert.That(Sum(metrics, "opto.optimizer.steps"), Is.EqualTo(1));
        Assert.That(Sum(metrics, "opto.optimizer.tokens"), Is.EqualTo(366));
    }

    [Test]
    public void A_compilation_is_a_span_with_its_outcome_and_a_duration_metric()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddInMemoryExporter(activities).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(OptoTelemetry.SourceName).AddInMemoryExporter(metrics).Build();
        var label = Code.Replacements.CodeOf(new Sorter(), "Sorter.Label");
        try
        {
            label.SetValue(Code.Replacements.Label("return text.ToUpperInvariant();"));
            Assert.That(label.CompileAndCheck(Code.Replacements.Label("return undefined;")), Is.Not.Null);
        }
        finally
        {
            label.Reset();
        }

        meters!.ForceFlush();
        var compiles = activities.Where(a => a.OperationName == "opto.code.compile").ToList();
        Assert.That(compiles.Select(a => (a.GetTagItem("opto.parameter"), a.GetTagItem("opto.outcome"))),
            Is.EqualTo(new[] { ((object?)"Sorter.Label", (object?)"accepted"), ("Sorter.Label", "rejected") }));
        var durations = metrics.Where(m => m.Name == "opto.code.compile.duration").SelectMany(Points).ToList();
        Assert.That(durations.Sum(p => p.GetHistogramCount()), Is.EqualTo(2));
    }

    [Test]
    public async Task No_log_line_carries_the_api_key()
    {
        var lines = new List<string>();
        var previous = TraceLogging.LoggerFactory;
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(lines)));
        TraceLogging.LoggerFactory = factory;
        try
        {
            await using var server = new FakeOpenAIServer().Fail(503, "Overloaded").Fail(400, "Bad request").Answer(GoodAnswer);
            using var chat = server.OpenAIClient().AsBuilder().UseLogging(factory).Build();
            var agent = new ShopAgent();
            var optimizer = new OptoPrime(agent.TrainableParameters(), chat, new OptoPrimeOptions { Retry = { InitialDelay = TimeSpan.FromMilliseconds(5) } });
            Rollout.Run(agent, optimizer);
            Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());
            await optimizer.StepAsync();
        }
        finally
        {
            TraceLogging.LoggerFactory = previous;
        }

        Assert.That(lines, Has.Some.Contains("asking again in"), "the retry was logged");
        Assert.That(lines, Has.Some.Contains("step 1: applied"), "the step was logged");
        Assert.That(lines, Has.None.Contains(FakeOpenAIServer.Key));
    }

    private static long Sum(List<Metric> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(Points).Sum(p => p.GetSumLong());

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints()) yield return point;
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines) lines.Add($"{category} {logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

/// <summary>Traced methods whose calls nest, one of them asynchronous.</summary>
public class SpanAgent
{
    /// <summary>Shouts a text through <see cref="Inner"/>.</summary>
    [Traced]
    public string Outer(string text) => Inner(text) + "!";

    /// <summary>Upper-cases a text.</summary>
    [Traced]
    public string Inner(string text) => text.ToUpperInvariant();

    /// <summary>Waits, then answers.</summary>
    [Traced]
    public async Task<int> WaitAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }
}

/// <summary>The opt-in span per traced call: off by default, nested as the calls nest, and an asynchronous call's span does not adopt what its caller does next.</summary>
[NonParallelizable]
public class TracedCallSpanTests
{
    private static readonly ActivitySource s_test = new("Trace.Runtime.Tests.Spans");

    [Test]
    public async Task Traced_calls_are_spans_only_when_asked_and_nest_as_the_calls_do()
    {
        var activities = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddSource(s_test.Name).AddInMemoryExporter(activities).Build();
        var agent = new SpanAgent();
        using (TraceScope.Begin()) agent.Outer("off");
        var offSpans = Calls(activities).Count;

        OptoTelemetry.TracedCallSpans = true;
        try
        {
            using var rollout = TraceScope.Begin();
            using var root = s_test.StartActivity("rollout")!;
            agent.Outer("a");
            var pending = agent.WaitAsync(30);
            agent.Inner("b");
            await pending;
        }
        finally
        {
            OptoTelemetry.TracedCallSpans = false;
        }

        var calls = Calls(activities);
        var rootSpan = activities.Single(a => a.OperationName == "rollout");
        Assert.That(offSpans, Is.Zero, "no span while the option is off");
        Assert.That(calls.Select(c => c.DisplayName), Is.EquivalentTo(new[] { "Outer", "Inner", "WaitAsync", "Inner" }));
        var outer = calls.Single(c => c.DisplayName == "Outer");
        var inners = calls.Where(c => c.DisplayName == "Inner").ToList();
        var wait = calls.Single(c => c.DisplayName == "WaitAsync");
        Assert.That(outer.ParentSpanId, Is.EqualTo(rootSpan.SpanId));
        Assert.That(inners.Count(i => i.ParentSpanId == outer.SpanId), Is.EqualTo(1), "the nested call is the outer call's child");
        Assert.That(inners.Count(i => i.ParentSpanId == rootSpan.SpanId), Is.EqualTo(1), "the call made while WaitAsync was pending is not WaitAsync's child");
        Assert.That(wait.ParentSpanId, Is.EqualTo(rootSpan.SpanId));
        Assert.That(wait.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)), "the async call's span ends when its task completes");
        Assert.That(outer.GetTagItem("opto.operator"), Does.Contain("SpanAgent.Outer"));
    }

    private static List<Activity> Calls(List<Activity> activities) =>
        [.. activities.Where(a => a.OperationName == "opto.call" && (a.GetTagItem("opto.operator") as string)?.Contains("SpanAgent", StringComparison.Ordinal) == true)];
}
