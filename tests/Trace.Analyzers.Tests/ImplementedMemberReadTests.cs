using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// Reads through an interface or an overridable member, which a <c>[Trainable]</c> property of the project may implement:
/// the generator follows them as it follows trainable reads, and the analyzer reports those it cannot follow.
/// </summary>
public class ImplementedMemberReadTests
{
    private const string Personas = """
        using System.Collections.Generic;
        using Opto;

        public interface IPersona { string Voice { get; } }
        public interface IGreeter { string Greeting { get; } string Greet(); }
        public class Pirate : IPersona { [Trainable] public string Voice { get; set; } = "Arr."; }
        public class Host : IGreeter
        {
            [Trainable] public string Welcome { get; set; } = "Hello.";
            public string Greeting => "plain";
            public string Greet() => Welcome;
        }
        public abstract class Speaker { public abstract string Opening { get; set; } }
        public class Herald : Speaker { [Trainable] public override string Opening { get; set; } = "Hear ye."; }

        """;

    [Test]
    public Task Reads_through_an_interface_or_an_abstract_member_the_compiler_can_follow_are_not_reported() => Verify.Analyze(Personas + """
        public class Narrator(IPersona persona, Speaker speaker)
        {
            private readonly IPersona _persona = persona;
            [Traced] public string Field() => _persona.Voice + persona.Voice + speaker.Opening;
            [Traced] public string Argument(IPersona other, Speaker given) => other.Voice + given.Opening;
        }
        """);

    [Test]
    public Task OPTO016_a_read_through_an_interface_a_trainable_implements_that_the_compiler_cannot_follow() => Verify.Analyze(Personas + """
        public class Narrator
        {
            private readonly List<IPersona> _personas = new();
            private IPersona Pick() => _personas[0];
            private IGreeter Greeter() => new Host();

            [Traced] public string Call() => {|#0:Pick().Voice|};
            [Traced] public string Element() => {|#1:_personas[0].Voice|};
            [Traced] public string NoTrainableImplements() => Greeter().Greeting;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Call", "IPersona.Voice", "Pick()", "it is returned by a method call"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Element", "IPersona.Voice", "_personas[0]", "it is an element of a collection"));

    [Test]
    public Task OPTO016_a_trainable_read_in_an_implementation_that_is_not_traced() => Verify.Analyze(Personas + """
        public class Butler : IPersona
        {
            [Trainable] public string Style { get; set; } = "Sir.";
            string IPersona.Voice => Style;
        }
        public class Narrator(IPersona persona, IGreeter greeter)
        {
            [Traced] public string Voice() => {|#0:persona.Voice|};
            [Traced] public string Greet() => {|#1:greeter.Greet()|};
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Voice", "Butler.Style", "persona",
            "it is read in 'IPersona.Voice', a method of that object that is not traced (make 'Voice' [Traced], or read the value in 'Voice')"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Greet", "Host.Welcome", "greeter",
            "it is read in 'Greet', a method of that object that is not traced (make 'Greet' [Traced], or read the value in 'Greet')"));

    [Test]
    public Task OPTO016_a_default_interface_member_that_reads_a_member_a_trainable_implements() => Verify.Analyze(Personas + """
        public interface ISigned { string Style { get; } string Signature => Style + "!"; }
        public class Poet : ISigned { [Trainable] public string Style { get; set; } = "Yours."; }
        public class Narrator(ISigned signed)
        {
            [Traced] public string Sign() => {|#0:signed.Signature|};
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Sign", "ISigned.Style", "signed",
            "it is read in 'Signature', a method of that object that is not traced (make 'Signature' [Traced], or read the value in 'Sign')"));

    [Test]
    public Task OPTO016_a_read_in_an_override_of_a_virtual_helper_that_the_compiler_cannot_follow() => Verify.Analyze(Personas + """
        public class Reporter
        {
            [Traced] public string Report(string text) => {|#0:Frame()|} + text;
            protected virtual string Frame() => "";
        }
        public class NewsReporter : Reporter
        {
            private readonly List<Pirate> _pirates = new();
            protected override string Frame() => _pirates[0].Voice;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Report", "Pirate.Voice", "_pirates[0]", "it is an element of a collection (in 'Frame', called here)"));

    [Test]
    public Task An_override_that_adds_to_the_base_s_trainable_value_is_not_reported_where_it_is_read() => Verify.Analyze(Personas + """
        public class Mentor : IPersona { [Trainable] public virtual string Voice { get; set; } = "Calm."; }
        public class LoudMentor : Mentor { public override string Voice => base.Voice + "!"; }
        public class Narrator(IPersona persona, Mentor mentor)
        {
            [Traced] public string Speak() => persona.Voice + mentor.Voice;
        }
        public class Replier { [Traced] public string Reply(string prompt) => prompt; }
        public class Glue(IPersona persona) : Replier
        {
            private readonly IPersona _persona = persona;
            public async System.Threading.Tasks.Task<string> Speak() { await System.Threading.Tasks.Task.Yield(); return Reply(_persona.Voice); }
        }
        """);
}
