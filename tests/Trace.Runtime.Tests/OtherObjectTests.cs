using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Opto;
using Trace.Runtime.Tests.Fixtures.OtherObjects;

namespace Trace.Runtime.Tests;

/// <summary>
/// A <c>[Trainable]</c> value read on another object than the call's receiver is a dependency of the call when the compiler
/// can follow that object from the receiver, an argument or a static member, through fields and auto-properties.
/// </summary>
public class OtherObjectTests
{
    private static Summarizer NewSummarizer(PromptBook? shared = null, AgentSettings? settings = null) =>
        new(shared ?? new PromptBook(), Options.Create(settings ?? new AgentSettings()));

    private static ParameterNode Listed(object owner, string member) =>
        Opto.Interception.TrainableRegistry.ParametersOf(owner).Single(p => p.Name.EndsWith("." + member, StringComparison.Ordinal));

    [Test]
    public void A_prompt_in_a_private_field_is_a_dependency_and_the_node_the_book_lists()
    {
        var summarizer = NewSummarizer();
        using var scope = TraceScope.Begin();

        var text = summarizer.Summarize(new string('x', 1));

        var reached = scope.Graph.Backward(text, "Too long.").Parameters;
        Assert.That(text, Is.EqualTo("Summarize in one line. x"));
        Assert.That(reached, Has.Count.EqualTo(1));
        Assert.That(reached[0], Is.SameAs(Listed(summarizer.Book, "SummaryInstruction")));
        Assert.That(reached[0], Is.SameAs(summarizer.TrainableParameters().Single(p => p.Name == "Summarizer._book.SummaryInstruction")));
    }

    [Test]
    public void A_prompt_two_properties_away_is_a_dependency()
    {
        var summarizer = NewSummarizer();
        using var scope = TraceScope.Begin();

        var text = summarizer.Greet(new string('a', 1));

        Assert.That(scope.Graph.Backward(text, "Warmer.").Parameters, Is.EqualTo(new[] { Listed(summarizer.Settings.Prompts, "Greeting") }));
    }

    [Test]
    public void A_prompt_behind_IOptions_Value_is_a_dependency()
    {
        var settings = new AgentSettings();
        var summarizer = NewSummarizer(settings: settings);
        using var scope = TraceScope.Begin();

        var text = summarizer.Answer(new string('q', 1));

        Assert.That(text, Is.EqualTo("You are terse. q"));
        Assert.That(scope.Graph.Backward(text, "Friendlier.").Parameters, Is.EqualTo(new[] { Listed(settings, "SystemPrompt") }));
    }

    [Test]
    public void Prompts_of_objects_kept_in_locals_are_dependencies()
    {
        var settings = new AgentSettings { SystemPrompt = "Be kind." };
        var summarizer = NewSummarizer(settings: settings);
        using var scope = TraceScope.Begin();

        var text = summarizer.AnswerFromALocal(new string('q', 1));

        Assert.That(text, Is.EqualTo("Be kind. Hello q"));
        Assert.That(scope.Graph.Backward(text, "Friendlier.").Parameters,
            Is.EquivalentTo(new[] { Listed(settings, "SystemPrompt"), Listed(settings.Prompts, "Greeting") }));
    }

    [Test]
    public void A_prompt_behind_IOptionsMonitor_CurrentValue_is_a_dependency_on_the_framework_s_current_instance()
    {
        using var services = new ServiceCollection().Configure<AgentSettings>(s => s.SystemPrompt = "You are kind.").BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<AgentSettings>>();
        var agent = new MonitoredAgent(monitor);
        using var scope = TraceScope.Begin();

        var text = agent.Answer(new string('q', 1));

        Assert.That(text, Is.EqualTo("You are kind. q"));
        Assert.That(scope.Graph.Backward(text, "Friendlier.").Parameters, Is.EqualTo(new[] { Listed(monitor.CurrentValue, "SystemPrompt") }));
    }

    [Test]
    public void A_prompt_of_an_argument_is_a_dependency_on_that_arguments_object()
    {
        var summarizer = NewSummarizer();
        var first = new Request(new PromptBook { SummaryInstruction = "Bullet points." }, "a");
        var second = new Request(new PromptBook(), "b");
        using var scope = TraceScope.Begin();

        var one = summarizer.Handle(first);
        var two = summarizer.Handle(second);

        Assert.That(one, Is.EqualTo("Bullet points. a"));
        Assert.That(scope.Graph.Backward(one, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(first.Book, "SummaryInstruction") }));
        Assert.That(scope.Graph.Backward(two, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(second.Book, "SummaryInstruction") }));
    }

    [Test]
    public void A_prompt_of_a_static_holder_is_a_dependency()
    {
        var summarizer = NewSummarizer();
        using var scope = TraceScope.Begin();

        var text = summarizer.Welcome(new string('w', 1));

        Assert.That(scope.Graph.Backward(text, "Warmer.").Parameters, Is.EqualTo(new[] { Listed(Prompts.Default, "Greeting") }));
    }

    [Test]
    public void A_prompt_of_a_captured_primary_constructor_parameter_is_a_dependency()
    {
        var shared = new PromptBook();
        var summarizer = NewSummarizer(shared);
        using var scope = TraceScope.Begin();

        var text = summarizer.Hello(new string('h', 1));

        Assert.That(scope.Graph.Backward(text, "Warmer.").Parameters, Is.EqualTo(new[] { Listed(shared, "Greeting") }));
    }

    [Test]
    public void A_null_object_along_the_path_is_no_dependency_and_no_error()
    {
        var summarizer = NewSummarizer();
        using var scope = TraceScope.Begin();

        var absent = summarizer.Maybe(new string('m', 1));
        var book = new PromptBook();
        summarizer.UseMissing(book);
        var present = summarizer.Maybe(new string('m', 1));

        Assert.That(absent, Is.EqualTo("none m"));
        Assert.That(((MessageNode)scope.Graph.Nodes.Single(n => n.Name == "maybe0")).HiddenDependencies, Is.Empty);
        Assert.That(scope.Graph.Backward(present, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(book, "SummaryInstruction") }));
    }

    [Test]
    public void A_null_object_along_the_path_of_a_call_that_throws_is_no_dependency()
    {
        var summarizer = NewSummarizer();
        summarizer.Settings = null!;
        using var scope = TraceScope.Begin();

        Assert.Throws<NullReferenceException>(() => summarizer.Greet(new string('a', 1)));

        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Single().HiddenDependencies, Is.Empty);
    }
}
