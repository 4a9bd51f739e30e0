using Opto.Analyzers.CodeFixes;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableMemberAnalyzer>;

namespace Trace.Analyzers.Tests;

public class TrainableMemberTests
{
    [Test]
    public Task OPTO005_members_the_optimizer_cannot_write() => Verify.Analyze("""
        using Opto;

        public class Agent
        {
            [Trainable] private readonly string {|#0:_prompt|} = "p";
            [Trainable] public const int {|#1:Max|} = 3;
            [Trainable] public string {|#2:Name|} { get; } = "n";
            [Trainable] public string {|#3:Tone|} { get; init; } = "t";
            [Trainable] public string {|#4:Computed|} => "c";
        }

        public class Box<T>
        {
            [Trainable] public string {|#5:Label|} { get; set; } = "";
        }

        public struct Point
        {
            [Trainable] public int {|#6:X|};
        }

        public static class Settings
        {
            [Trainable] private static string {|#7:s_secret|} = "";
        }
        """,
        Verify.Diagnostic("OPTO005").WithLocation(0).WithArguments("Agent._prompt", "it is readonly"),
        Verify.Diagnostic("OPTO005").WithLocation(1).WithArguments("Agent.Max", "it is a constant; make it a static field"),
        Verify.Diagnostic("OPTO005").WithLocation(2).WithArguments("Agent.Name", "it has no setter"),
        Verify.Diagnostic("OPTO005").WithLocation(3).WithArguments("Agent.Tone", "its setter is init-only"),
        Verify.Diagnostic("OPTO005").WithLocation(4).WithArguments("Agent.Computed", "it has no setter"),
        Verify.Diagnostic("OPTO005").WithLocation(5).WithArguments("Box.Label", "it is declared in generic type Box<...>; move it to a non-generic class"),
        Verify.Diagnostic("OPTO005").WithLocation(6).WithArguments("Point.X", "it is an instance member of struct Point; a parameter cannot write a copy back"),
        Verify.Diagnostic("OPTO005").WithLocation(7).WithArguments("Settings.s_secret", "it is private in static class Settings; make it internal"));

    [Test]
    public Task OPTO005_and_OPTO006_not_reported_on_writable_members_with_a_text_form() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public enum Tone { Casual, Formal }

        public record Pricing(decimal Discount, bool FreeShipping);

        public class Agent
        {
            [Trainable] private string _prompt = "p";
            [Trainable] public static double Temperature = 0.5;
            [Trainable] public List<string> Products { get; set; } = [];
            [Trainable] public Dictionary<string, string> Greetings { get; set; } = [];
            [Trainable] public Tone Tone { get; set; }
            [Trainable] public Pricing Pricing { get; set; } = new(0, true);
            [Trainable] internal int Budget { get; private set; }
            public string Prompt => _prompt;
        }
        """);

    [Test]
    public Task OPTO006_types_without_a_text_form() => Verify.Analyze("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Trainable] public Func<string, string> {|#0:Transform|} { get; set; } = s => s;
            [Trainable] public Stream {|#1:Log|} { get; set; } = Stream.Null;
            [Trainable] public CancellationToken {|#2:Token|} { get; set; }
            [Trainable] public Task<string> {|#3:Pending|} { get; set; } = Task.FromResult("");
            [Trainable] public Type {|#4:Kind|} { get; set; } = typeof(string);
            [Trainable] public IntPtr {|#5:Handle|} { get; set; }
        }
        """,
        Verify.Diagnostic("OPTO006").WithLocation(0).WithArguments("Agent.Transform", "System.Func<string, string>"),
        Verify.Diagnostic("OPTO006").WithLocation(1).WithArguments("Agent.Log", "System.IO.Stream"),
        Verify.Diagnostic("OPTO006").WithLocation(2).WithArguments("Agent.Token", "System.Threading.CancellationToken"),
        Verify.Diagnostic("OPTO006").WithLocation(3).WithArguments("Agent.Pending", "System.Threading.Tasks.Task<string>"),
        Verify.Diagnostic("OPTO006").WithLocation(4).WithArguments("Agent.Kind", "System.Type"),
        Verify.Diagnostic("OPTO006").WithLocation(5).WithArguments("Agent.Handle", "nint"));

    [Test]
    public Task OPTO005_fix_makes_members_writable_all_at_once() => Verify.Fix<WritableTrainableFix>("""
        using Opto;

        public class Agent
        {
            [Trainable] private readonly string {|OPTO005:_prompt|} = "p";
            [Trainable] private readonly int {|OPTO005:_max|} = 3;
            [Trainable] public string {|OPTO005:Name|} { get; } = "n";
            [Trainable] public string {|OPTO005:Tone|} { get; init; } = "t";
            public string Prompt => _prompt + _max;
        }
        """, """
        using Opto;

        public class Agent
        {
            [Trainable] private string _prompt = "p";
            [Trainable] private int _max = 3;
            [Trainable] public string Name { get; set; } = "n";
            [Trainable] public string Tone { get; set; } = "t";
            public string Prompt => _prompt + _max;
        }
        """);

    private const string NotMechanical = """
        using Opto;

        public class Agent
        {
            [Trainable] public const int {|OPTO005:Max|} = 3;
            [Trainable] public string {|OPTO005:Computed|} => "c";
        }
        """;

    [Test]
    public Task OPTO005_has_no_fix_where_none_is_mechanical() => Verify.Fix<WritableTrainableFix>(NotMechanical, NotMechanical);

    // No fix applies to any of these: the fixed source is the source.
    private const string Unreachable = """
        using Opto;

        public struct Point
        {
            [Trainable] public static int {|OPTO005:Scale|} = 1;
        }

        public static class Settings
        {
            [Trainable] public static string {|OPTO005:Mode|} { get; private set; } = "";
        }

        public class Outer
        {
            private class Hidden
            {
                [Trainable] public string {|OPTO005:Name|} { get; set; } = "";
            }

            private sealed class Secret { }

            [Trainable] private Secret {|OPTO005:_secret|} = new();
        }

        public abstract class Base { public abstract string Label { get; } }

        public class Derived : Base
        {
            [Trainable] public override string {|OPTO005:Label|} { get; } = "";
        }
        """;

    [Test]
    public Task OPTO005_members_the_generator_cannot_reach_and_no_setter_fix_on_overrides() => Verify.Fix<WritableTrainableFix>(Unreachable, Unreachable);

    [Test]
    public Task OPTO005_an_override_that_returns_a_value_of_its_own_hides_the_trainable_it_overrides() => Verify.Analyze("""
        using Opto;

        public class Agent { [Trainable] public virtual string Prompt { get; set; } = "p"; }
        public class Fixed : Agent { public override string {|#0:Prompt|} => "always this"; }
        public class Bodied : Agent { public override string {|#1:Prompt|} { get { return "x"; } set { } } }
        public class Deeper : Fixed { public override string {|#2:Prompt|} => "deeper"; }
        public class Decorated : Agent { public override string Prompt => base.Prompt + "!"; }
        public class Kept : Agent { public override string Prompt { get; set; } = "own"; }
        public class SetterOnly : Agent { public override string Prompt { set { } } }
        public class Trained : Agent { [Trainable] public override string Prompt { get; set; } = "t"; }
        public class Plain { public virtual string Prompt => "p"; }
        public class PlainOverride : Plain { public override string Prompt => "q"; }
        """,
        Verify.Diagnostic("OPTO005").WithLocation(0).WithArguments("Agent.Prompt",
            "'Fixed.Prompt' overrides it without [Trainable] and returns a value of its own, so on a Fixed what is read is not what the optimizer writes; put [Trainable] on the override, or read 'base.Prompt' in it"),
        Verify.Diagnostic("OPTO005").WithLocation(1).WithArguments("Agent.Prompt",
            "'Bodied.Prompt' overrides it without [Trainable] and returns a value of its own, so on a Bodied what is read is not what the optimizer writes; put [Trainable] on the override, or read 'base.Prompt' in it"),
        Verify.Diagnostic("OPTO005").WithLocation(2).WithArguments("Agent.Prompt",
            "'Deeper.Prompt' overrides it without [Trainable] and returns a value of its own, so on a Deeper what is read is not what the optimizer writes; put [Trainable] on the override, or read 'base.Prompt' in it"));

    [Test]
    public Task OPTO005_interface_implementations_a_read_through_the_interface_would_miss_or_take_for_the_base_s_trainable() => Verify.Analyze("""
        using Opto;

        public interface IPersona { string Voice { get; } }
        public class Pirate { [Trainable] public string Voice { get; set; } = "Arr."; }
        public class {|#0:Parrot|} : Pirate, IPersona { }
        public class Captain : IPersona { [Trainable] public string Voice { get; set; } = "Ahoy."; }
        public class Mate : Captain { }
        public class Quiet : Captain, IPersona { public new string {|#1:Voice|} => "..."; }
        public class Mime : Captain, IPersona { string IPersona.{|#2:Voice|} => ""; }
        public class Trained : Captain, IPersona { [Trainable] public new string Voice { get; set; } = "own"; }
        public class Middle : Pirate, IPersona { }
        public class Below : Middle { }
        public class Plain : IPersona { public string Voice => "plain"; }
        """,
        Verify.Diagnostic("OPTO005").WithLocation(0).WithArguments("Pirate.Voice",
            "'Parrot' implements 'IPersona.Voice' with it, but 'Pirate' does not declare 'IPersona', so a read through 'IPersona' on a Parrot is not linked to it; declare 'IPersona' on 'Pirate'"),
        Verify.Diagnostic("OPTO005").WithSpan(11, 14, 11, 20).WithArguments("Pirate.Voice",
            "'Middle' implements 'IPersona.Voice' with it, but 'Pirate' does not declare 'IPersona', so a read through 'IPersona' on a Middle is not linked to it; declare 'IPersona' on 'Pirate'"),
        Verify.Diagnostic("OPTO005").WithLocation(1).WithArguments("Captain.Voice",
            "'Quiet' implements 'IPersona.Voice' again without [Trainable], so a read through 'IPersona' on a Quiet returns its value but is linked to 'Captain.Voice'; put [Trainable] on it, or remove 'IPersona' from 'Quiet'"),
        Verify.Diagnostic("OPTO005").WithLocation(2).WithArguments("Captain.Voice",
            "'Mime' implements 'IPersona.Voice' again without [Trainable], so a read through 'IPersona' on a Mime returns its value but is linked to 'Captain.Voice'; put [Trainable] on it, or remove 'IPersona' from 'Mime'"));
}
