using Glue = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A trainable value read by code of the project that runs without a call in source (a conversion, an operator, a
/// <c>ToString</c> an interpolation or a framework method runs): no interceptor sees it, so it is reported where it runs.
/// </summary>
public class ImplicitUserCodeTests
{
    private const string Holders = """
        using Opto;

        public class Persona
        {
            [Trainable] public string Voice { get; set; } = "calm";
            public override string ToString() => Voice;
            public static implicit operator string(Persona p) => p.Voice;
            public static string operator +(Persona p, string s) => p.Voice + s;
            public void Deconstruct(out string voice, out int length) => (voice, length) = (Voice, Voice.Length);
        }
        public record Pair(string System, string User) { [Trainable] public string System { get; set; } = System; }
        public record Profile(string Name) { [Trainable] public string Style { get; set; } = "brief"; }
        public class Plain { public override string ToString() => "plain"; }
        public class Tone { [Trainable] public string Text { get; set; } = "warm"; public override string ToString() => Text; }

        """;

    [Test]
    public Task OPTO016_in_a_traced_body() => Verify.Analyze(Holders + """
        public class Agent
        {
            private readonly Persona _persona = new();
            private readonly Profile _profile = new("p");
            private readonly Plain _plain = new();

            [Traced] public string Interpolated(string q) => $"{|#0:{_persona}|} {q}".Trim();
            [Traced] public string Converted(string q) { string s = {|#1:_persona|}; return s + q; }
            [Traced] public string Added(string q) => {|#2:_persona + q|};
            [Traced] public string Formatted(string q) => string.Format("{0}|{1}", {|#3:_persona|}, q);
            [Traced] public string Record(string q) => $"{|#4:{_profile}|}" + q;
            [Traced] public string Deconstructed(string q) { {|#5:var (voice, _) = _persona|}; return voice + q; }
            [Traced] public string Positional(Pair pair) { {|#6:var (system, _) = pair|}; return system; }
            [Traced] public string Matched(Pair pair) => pair is {|#12:(var system, _)|} ? system : "";
            [Traced] public string Joined(System.Collections.Generic.List<Persona> all) => string.Join(", ", {|#7:all|});

            private readonly Tone _tone = new();
            [Traced] public string Concatenated(string q) => {|#8:_tone + q|};
            [Traced] public string JoinedParams(string q) => string.Join(",", {|#9:_tone|}, q);
            [Traced] public string Cast(string q) => string.Format("{0}", {|#10:(object)_tone|});
            [Traced] public string Created(string q) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{|#11:_tone|}}");

            private static readonly System.Func<Tone, string> Pick = t => t.Text + "!";
            private static readonly System.Func<string, string> Shout = s => s.ToUpperInvariant();
            [Traced] public string Kept(string q) => {|#13:Pick(_tone)|} + Shout(q);
            [Traced] public int Stored(System.Collections.Generic.List<Tone> tones) { tones.Add(_tone); return tones.Count; }

            // Not reported: the member read by name, and a ToString that reads nothing trainable.
            [Traced] public string Named(string q) => _persona.Voice + $"{_plain}" + q;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Interpolated", "Persona.Voice", "_persona", Read("ToString", "the interpolation calls it here", "Interpolated")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Converted", "Persona.Voice", "_persona", Read("Persona.implicit operator string(Persona)", "a conversion the compiler calls here", "Converted")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Added", "Persona.Voice", "_persona", Read("Persona.operator +(Persona, string)", "an operator the compiler calls here", "Added")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Formatted", "Persona.Voice", "_persona", Read("ToString", "'String.Format' may call it on the object it is given", "Formatted")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Record", "Profile.Style", "_profile",
            "it is read by the ToString the compiler writes for the record (the interpolation calls it here), and no interceptor sees that call; read the value in 'Record'"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Deconstructed", "Persona.Voice", "_persona", Read("Deconstruct", "a deconstruction calls it here", "Deconstructed")),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Positional", "Pair.System", "pair",
            "it is read by the Deconstruct the compiler writes for the record (a deconstruction calls it here), and no interceptor sees that call; read the value in 'Positional'"),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Joined", "Persona.Voice", "all", Read("ToString", "'String.Join' may call it on the elements it is given", "Joined")),
        Verify.Diagnostic("OPTO016").WithLocation(12).WithArguments("Matched", "Pair.System", "pair",
            "it is read by the Deconstruct the compiler writes for the record (a positional pattern calls it here), and no interceptor sees that call; read the value in 'Matched'"),
        Verify.Diagnostic("OPTO016").WithLocation(13).WithArguments("Kept", "Tone.Text", "Pick",
            "it is read in the lambda kept in 'Pick', which the generator does not read (it reads what a body names, not what a delegate runs); make it a [Traced] method, or read the value in 'Kept'"),
        Verify.Diagnostic("OPTO016").WithLocation(8).WithArguments("Concatenated", "Tone.Text", "_tone", Read("ToString", "the string concatenation calls it here", "Concatenated")),
        Verify.Diagnostic("OPTO016").WithLocation(9).WithArguments("JoinedParams", "Tone.Text", "_tone", Read("ToString", "'String.Join' may call it on the elements it is given", "JoinedParams")),
        Verify.Diagnostic("OPTO016").WithLocation(10).WithArguments("Cast", "Tone.Text", "_tone", Read("ToString", "'String.Format' may call it on the object it is given", "Cast")),
        Verify.Diagnostic("OPTO016").WithLocation(11).WithArguments("Created", "Tone.Text", "_tone",
            Read("ToString", "'DefaultInterpolatedStringHandler.AppendFormatted' may call it on the object it is given", "Created")));

    [Test]
    public Task OPTO016_for_a_lambda_a_constructor_or_a_method_keeps_or_a_Lazy_runs() => Verify.Analyze("""
        using System;
        using Opto;

        public static class Prompts { [Trainable] public static string System = "s"; }

        public class Agent
        {
            [Trainable] public string Persona { get; set; } = "calm";
            private readonly Func<string> _voice;
            private Func<string>? _later;
            public Func<string> Framed { get; }
            private readonly Lazy<string> _intro;
            private readonly Lazy<string> _system = new(() => Prompts.System);
            private readonly Lazy<string> _plain = new(() => "fixed");

            public Agent()
            {
                _voice = () => Persona;
                Framed = () => "[" + Persona + "]";
                _intro = new Lazy<string>(() => Persona + "!");
            }

            public void Prepare() => this._later = () => Prompts.System;

            [Traced] public string Voiced(string q) => {|#0:_voice()|} + q;
            [Traced] public string Later(string q) => {|#1:_later!()|} + q;
            [Traced] public string WithFrame(string q) => {|#2:Framed()|} + q;
            [Traced] public string Introduced(string q) => {|#3:_intro.Value|} + q;
            [Traced] public string Systemic(string q) => {|#4:_system.Value|} + q;
            // Not reported: a factory that reads nothing trainable.
            [Traced] public string Plain(string q) => _plain.Value + q;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Voiced", "Agent.Persona", "_voice", Kept("_voice", "Voiced")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Later", "Prompts.System", "_later", Kept("_later", "Later")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("WithFrame", "Agent.Persona", "Framed", Kept("Framed", "WithFrame")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Introduced", "Agent.Persona", "_intro", Kept("_intro", "Introduced")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Systemic", "Prompts.System", "_system", Kept("_system", "Systemic")));

    [Test]
    public Task OPTO016_for_a_static_interface_property_a_type_parameter_reads() => Verify.Analyze("""
        using Opto;

        public interface IDefaults
        {
            static abstract string Greeting { get; }
            static virtual string Fallback => "none";
        }

        public sealed class Defaults : IDefaults
        {
            [Trainable] public static string Greeting { get; set; } = "hi";
            [Trainable] public static string Fallback { get; set; } = "fb";
        }

        public sealed class Plain : IDefaults { public static string Greeting => "plain"; }

        public interface IUnused { static abstract string Name { get; } }

        public class Agent
        {
            [Traced] public string Greet<T>(string q) where T : IDefaults => {|#0:T.Greeting|} + {|#1:T.Fallback|} + q;
            [Traced] public string Named<T>(string q) where T : IUnused => T.Name + q;
            [Traced] public string Direct(string q) => Defaults.Greeting + q;
        }

        public class Holder<T> where T : IDefaults
        {
            [Traced] public string Greet(string q) => {|#2:T.Greeting|} + q;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Greet", "IDefaults.Greeting", "a type parameter", Static("Greeting", "'Defaults.Greeting'", "Greet")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Greet", "IDefaults.Fallback", "a type parameter", Static("Fallback", "'Defaults.Fallback'", "Greet")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Greet", "IDefaults.Greeting", "a type parameter", Static("Greeting", "'Defaults.Greeting'", "Greet")));

    [Test]
    public Task OPTO016_for_a_static_interface_property_glue_reads_through_a_type_parameter() => Glue.Analyze("""
        using Opto;

        public interface IDefaults { static abstract string Greeting { get; } }
        public sealed class Defaults : IDefaults { [Trainable] public static string Greeting { get; set; } = "hi"; }

        public class Agent
        {
            [Traced] public string Ask(string q) => q;
            public string Greet<T>(string q) where T : IDefaults => Ask({|#0:T.Greeting|} + q);
            public string Direct(string q) => Ask(Defaults.Greeting + q);
        }
        """,
        Glue.Diagnostic("OPTO016").WithLocation(0).WithArguments("Ask", "Greeting", "glue code passed to it", Static("Greeting", "'Defaults.Greeting'", "Ask")));

    private static string Static(string member, string trainables, string method) =>
        $"it is the static member 'IDefaults.{member}' read through a type parameter, so which type's [Trainable] property runs ({trainables}) is decided only as the generic code runs, and only what a body names is linked; read it on the type itself, or pass the value to '{method}'";

    private static string Kept(string member, string method) =>
        $"it is read in the lambda kept in '{member}', which the generator does not read (it reads what a body names, not what a delegate runs); make it a [Traced] method, or read the value in '{method}'";

    [Test]
    public Task OPTO016_in_glue_code() => Glue.Analyze(Holders + """
        public class Agent
        {
            private readonly Persona _persona = new();
            [Traced] public string Ask(string prompt) => prompt;

            public async System.Threading.Tasks.Task<string> Interpolated(string q) { await System.Threading.Tasks.Task.Yield(); return Ask({|#0:$"{_persona}: {q}"|}); }
            public async System.Threading.Tasks.Task<string> Added(string q) { await System.Threading.Tasks.Task.Yield(); return Ask({|#1:_persona + q|}); }
        }
        """,
        Glue.Diagnostic("OPTO016").WithLocation(0).WithArguments("Ask", "Voice", "glue code passed to it",
            "it is read in 'ToString' (the interpolation calls it here), and no interceptor sees that call; read the value in the argument itself"),
        Glue.Diagnostic("OPTO016").WithLocation(1).WithArguments("Ask", "Voice", "glue code passed to it",
            "it is read in 'Persona.operator +(Persona, string)' (an operator the compiler calls here), and no interceptor sees that call; read the value in the argument itself"));

    private static string Read(string method, string how, string traced) =>
        $"it is read in '{method}' ({how}), and no interceptor sees that call; read the value in '{traced}'";
}
