using Opto;
using Trace.Runtime.Tests.Fixtures.Personas;

namespace Trace.Runtime.Tests;

/// <summary>
/// A trainable member read through an interface or an abstract member: the object's class decides which member was read.
/// </summary>
public class InterfaceReadTests
{
    private static ParameterNode Listed(object owner, string member) =>
        Opto.Interception.TrainableRegistry.ParametersOf(owner).Single(p => p.Name.EndsWith("." + member, StringComparison.Ordinal));

    // The glue node given to the latest traced call.
    private static GlueNode GlueOf(TraceScope scope, string result)
    {
        var call = (MessageNode)scope.Graph.Nodes.Last(n => n is MessageNode m && ReferenceEquals(m.Value, result));
        return (GlueNode)call.Inputs.Single().Value;
    }

    [Test]
    public void A_voice_read_through_an_interface_field_is_a_dependency()
    {
        var pirate = new Pirate();
        var narrator = new Narrator(pirate);
        using var scope = TraceScope.Begin();

        var text = narrator.Tell(new string('x', 1));

        Assert.That(text, Is.EqualTo("Arr. x"));
        Assert.That(scope.Graph.Backward(text, "Louder.").Parameters, Is.EqualTo(new[] { Listed(pirate, "Voice") }));
    }

    [Test]
    public void A_voice_read_through_an_interface_argument_is_a_dependency()
    {
        var pirate = new Pirate();
        var narrator = new Narrator(new Pirate());
        using var scope = TraceScope.Begin();

        var text = narrator.TellAs(pirate, new string('x', 1));

        Assert.That(scope.Graph.Backward(text, "Louder.").Parameters, Is.EqualTo(new[] { Listed(pirate, "Voice") }));
    }

    [Test]
    public void An_abstract_opening_overridden_as_trainable_is_a_dependency_of_the_base_s_method()
    {
        var herald = new Herald();
        using var scope = TraceScope.Begin();

        var text = herald.Speak(new string('x', 1));

        Assert.That(text, Is.EqualTo("Hear ye. x"));
        Assert.That(scope.Graph.Backward(text, "Louder.").Parameters, Is.EqualTo(new[] { Listed(herald, "Opening") }));
    }

    [Test]
    public void An_abstract_opening_read_on_a_held_speaker_is_a_dependency()
    {
        var narrator = new Narrator(new Clerk());
        using var scope = TraceScope.Begin();

        var text = narrator.Announce(new string('x', 1));

        Assert.That(text, Is.EqualTo("Hear ye. x"));
        Assert.That(scope.Graph.Backward(text, "Louder.").Parameters, Is.EqualTo(new[] { Listed(narrator.Speaker, "Opening") }));
    }

    [Test]
    public void A_voice_inherited_from_the_implementing_class_is_a_dependency()
    {
        var parrot = new Parrot();
        var narrator = new Narrator(parrot);
        using var scope = TraceScope.Begin();

        var text = narrator.Tell(new string('x', 1));

        Assert.That(scope.Graph.Backward(text, "Louder.").Parameters, Is.EqualTo(new[] { Listed(parrot, "Voice") }));
    }

    [Test]
    public void An_override_of_the_implementing_property_is_a_dependency_through_the_interface_and_the_base_class()
    {
        var admiral = new Admiral();
        var narrator = new Narrator(admiral);
        using var scope = TraceScope.Begin();

        var told = narrator.Tell(new string('x', 1));
        var commanded = narrator.Command(admiral, new string('y', 1));

        Assert.That(told, Is.EqualTo("Attention. x"));
        Assert.That(scope.Graph.Backward(told, "Louder.").Parameters, Is.EqualTo(new[] { Listed(admiral, "Voice") }));
        Assert.That(scope.Graph.Backward(commanded, "Louder.").Parameters, Is.EqualTo(new[] { Listed(admiral, "Voice") }));
    }

    [Test]
    public void An_override_adding_to_the_base_s_trainable_voice_links_the_base_s_value()
    {
        var admiral = new LoudAdmiral();
        using var scope = TraceScope.Begin();

        var text = new Narrator(admiral).Tell(new string('x', 1));

        Assert.That(text, Is.EqualTo("Attention.! x"));
        Assert.That(scope.Graph.Backward(text, "Calmer.").Parameters, Is.EqualTo(new[] { Listed(admiral, "Voice") }));
    }

    [Test]
    public void A_plain_implementation_or_the_base_class_itself_has_no_dependency_and_the_call_completes()
    {
        var narrator = new Narrator(new Clerk());
        using var scope = TraceScope.Begin();

        var told = narrator.Tell(new string('x', 1));
        var commanded = narrator.Command(new Captain(), new string('y', 1));

        Assert.That(told, Is.EqualTo("Next. x"));
        Assert.That(commanded, Is.EqualTo("Ahoy. y"));
        Assert.That(scope.Graph.Backward(told, "Louder.").Parameters, Is.Empty);
        Assert.That(scope.Graph.Backward(commanded, "Louder.").Parameters, Is.Empty);
    }

    [Test]
    public void A_trainable_read_in_an_override_of_a_virtual_helper_is_a_dependency_of_the_base_s_method()
    {
        var reporter = new NewsReporter();
        using var scope = TraceScope.Begin();

        var text = reporter.Report(new string('x', 1));

        Assert.That(text, Is.EqualTo("LONDON. x"));
        Assert.That(scope.Graph.Backward(text, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(reporter, "Dateline") }));
    }

    [Test]
    public void What_an_override_reads_is_a_dependency_only_on_objects_of_its_class()
    {
        var signed = new SignedReporter();
        var news = new NewsReporter();
        var toned = new TonedReporter();
        using var scope = TraceScope.Begin();

        var signedText = signed.Report(new string('a', 1));
        var newsText = news.Report(new string('b', 1));
        var tonedText = toned.Report(new string('c', 1));

        Assert.That(signedText, Is.EqualTo("-- R. a"));
        Assert.That(scope.Graph.Backward(signedText, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(signed, "Signature") }));
        // The signature is declared by the base class, but a sibling's override reads it: not a news report's dependency.
        Assert.That(scope.Graph.Backward(newsText, "Shorter.").Parameters, Is.EqualTo(new[] { Listed(news, "Dateline") }));
        Assert.That(tonedText, Is.EqualTo("Calmly: c"));
        Assert.That(scope.Graph.Backward(tonedText, "Shorter.").Parameters, Is.EqualTo(new[] { toned.Tone }));
    }

    [Test]
    public void A_trainable_override_of_a_trainable_property_is_the_dependency_on_objects_of_its_class()
    {
        var paladin = new Paladin();
        var knight = new Knight();
        var bard = new Bard();
        using var scope = TraceScope.Begin();

        var paladinLine = bard.Recite(paladin, new string('a', 1));
        var knightLine = bard.Recite(knight, new string('b', 1));

        Assert.That(paladinLine, Is.EqualTo("For light. a"));
        var paladinMotto = Opto.Interception.TrainableRegistry.ParametersOf(paladin).Single(p => p.Name == "Paladin.Motto");
        Assert.That(scope.Graph.Backward(paladinLine, "Bolder.").Parameters, Is.EqualTo(new[] { paladinMotto }));
        Assert.That(scope.Graph.Backward(knightLine, "Bolder.").Parameters, Is.EqualTo(new[] { Listed(knight, "Motto") }));
    }

    [Test]
    public void The_base_s_own_helper_has_no_dependency()
    {
        var reporter = new Reporter();
        using var scope = TraceScope.Begin();

        var text = reporter.Report(new string('x', 1));

        Assert.That(text, Is.EqualTo("x"));
        Assert.That(scope.Graph.Backward(text, "Shorter.").Parameters, Is.Empty);
    }

    [Test]
    public async Task Glue_that_reads_through_an_interface_or_an_abstract_member_links_the_trainable_implementation()
    {
        var pirate = new Pirate();
        var herald = new Herald();
        var crier = new Crier(pirate, herald);
        using var scope = TraceScope.Begin();

        var voiced = await crier.Voiced(new string('x', 1));
        var voicedGlue = GlueOf(scope, voiced);
        var opened = await crier.Opened(new string('y', 1));

        Assert.That(voiced, Is.EqualTo("ARR. X"));
        Assert.That(voicedGlue.Parents, Is.EqualTo(new[] { Listed(pirate, "Voice") }));
        Assert.That(GlueOf(scope, opened).Parents, Is.EqualTo(new[] { Listed(herald, "Opening") }));
        Assert.That(scope.Graph.Backward(opened, "Quieter.").Parameters, Is.EqualTo(new[] { Listed(herald, "Opening") }));
    }

    [Test]
    public async Task Glue_that_reads_a_plain_implementation_links_nothing()
    {
        var crier = new Crier(new Clerk(), new Herald());
        using var scope = TraceScope.Begin();

        var voiced = await crier.Voiced(new string('x', 1));

        Assert.That(voiced, Is.EqualTo("NEXT. X"));
        Assert.That(scope.Graph.Backward(voiced, "Quieter.").Parameters, Is.Empty);
    }
}
