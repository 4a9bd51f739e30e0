using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// A trainable value glued into a traced call's argument from a method that is not traced: linked only where the runtime
// finds its object again (statics, `this`, an object reached from either through fields and auto-properties) and the
// compiler's flow carries it; one read in a helper or a computed property never is.
public class TrainableGlueReadTests
{
    [Test]
    public Task OPTO016_a_lazy_sequence_of_objects_whose_trainables_the_traced_method_reads() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public class Tool { [Trainable] public string Description { get; set; } = "d"; public string Name { get; set; } = "n"; }
        public sealed class SearchTool : Tool { }

        public class Agent
        {
            private readonly List<Tool> _tools = [new(), new SearchTool()];
            [Traced] public string Describe(IEnumerable<Tool> tools, string q) => string.Join(",", tools.Select(t => t.Description)) + q;
            [Traced] public string Name(IEnumerable<Tool> tools, string q) => string.Join(",", tools.Select(t => t.Name)) + q;
            private IEnumerable<Tool> Enabled() { foreach (var t in _tools) yield return t; }

            public string Filtered(string q) => Describe({|#0:_tools.Where(t => t.Name != "")|}, q);
            public string Iterated(string q) => Describe({|#1:Enabled()|}, q);
            // Linked: a list, or a lazy sequence whose elements' trainables the method does not read.
            public string Listed(string q) => Describe(_tools.Where(t => t.Name != "").ToList(), q);
            public string Names(string q) => Name(_tools.Where(t => t.Name != ""), q);
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Describe", "Description", "the elements of tools", Lazy("LINQ's 'Where'")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Describe", "Description", "the elements of tools", Lazy("the iterator 'Enabled'")));

    private static string Lazy(string deferredBy) =>
        $"it is read on an element of a sequence that {deferredBy} computes only as 'Describe' enumerates it, and tracing does not enumerate it again to find the element's trainable values; pass a list ('.ToList()')";

    [Test]
    public Task OPTO016_a_trainable_condition_that_decides_a_call_is_reported_where_the_call_cannot_find_its_object() => Verify.Analyze("""
        using Opto;

        public static class Budget { [Trainable] public static int Retries = 2; }
        public sealed class Config { [Trainable] public bool UseTool { get; set; } }
        public sealed class Replier { [Traced] public string Reply(string r) => r; }

        public class Agent
        {
            [Trainable] public int MaxSteps { get; set; } = 2;
            [Trainable] public bool UseTool { get; set; }
            private readonly Config _config = new();
            private Config _swapped = new();
            private readonly Replier _replier = new();
            [Traced] public string Ask(string q) => q;

            // Not linked: the object cannot be found again as the call starts.
            public string OnAnother(string q) => {|#0:UseTool|} ? _replier.Reply(q) : q;
            public string Given(Config given, string q) { if ({|#1:given.UseTool|}) return Ask(q); return q; }
            public string Swapped(string q) { for (var i = 0; {|#2:_swapped.UseTool|} && i < 3; i++) q = Ask(q); return q; }
            public string PatternOnAnother(string q) => _config is { {|#3:UseTool|}: true } ? _replier.Reply(q) : q;
            private bool ShouldUse() => UseTool;
            private bool Enabled => UseTool;
            public string ByMethod(string q) => {|#4:ShouldUse()|} ? Ask(q) : q;
            public string ByProperty(string q) { if (!{|#5:Enabled|}) return q; return Ask(q); }

            // Linked: statics, this object's, and an object a readonly field holds, on a call made on `this`; and anything a
            // traced method reads, which its call depends on.
            public string Loop(string q) { for (var i = 0; i < MaxSteps; i++) q = Ask(q); return q; }
            public string Early(string q) { if (!UseTool) return q; return Ask(q); }
            public string Held(string q) => _config.UseTool ? Ask(q) : q;
            public string Pattern(string q) => _config is { UseTool: true } ? Ask(q) : q;
            public string PatternOnThis(string q) => this is { UseTool: true } ? Ask(q) : q;
            public string Static(string q) { var n = 0; while (n++ < Budget.Retries) q = _replier.Reply(q); return q; }
            [Traced] public string Traced(string q) => UseTool ? _replier.Reply(q) : q;
            // Read after the call, or only named: nothing decides it.
            public string After(string q) { var r = _replier.Reply(q); if (UseTool) r += "!"; return r + nameof(UseTool); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Reply", "UseTool", "the condition that decides whether it runs",
            "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Ask", "UseTool", "the condition that decides whether it runs",
            OtherObject("given", "it is reached through the parameter 'given', which the call does not see")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Ask", "UseTool", "the condition that decides whether it runs",
            OtherObject("_swapped", "it is read before the call through '_swapped', which may hold another object by then (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Reply", "UseTool", "the condition that decides whether it runs",
            "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Ask", "UseTool", "the condition that decides whether it runs",
            "it is read in 'ShouldUse', which the condition calls and is not traced; read the value in the condition itself"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Ask", "UseTool", "the condition that decides whether it runs",
            "it is read in 'Enabled', which the condition calls and is not traced; read the value in the condition itself"));

    [Test]
    public Task OPTO016_a_trainable_value_of_another_object_or_read_in_another_method_is_reported_where_it_reaches_the_call() => Verify.Analyze("""
        using Opto;

        public sealed class Config { [Trainable] public string Prompt { get; set; } = "c"; }

        public class Agent
        {
            [Trainable] public string Prompt { get; set; } = "p";
            private readonly Config _config = new();
            private string Full => Prompt + "!";
            [Traced] public string Answer(string r) => r;
            private string Build(string x) => Prompt + x;
            public virtual void Hook() { }

            public string Other(Agent other, string x) => Answer({|#0:other._config.Prompt|} + x);
            public string OtherAsItIs(Config given) => Answer({|#1:given.Prompt|});
            public string Helper(string x) => Answer({|#3:Build(x)|});
            public string Getter(string x) => Answer({|#4:Full + x|});
            public string LocalThenCode(string x) { var p = {|#5:Prompt|}; Hook(); return Answer(p + x); }
            public string LocalOnSomePaths(string x) { var p = x.Length > 9 ? "" : {|#6:Prompt|}; return Answer(p + x); }
            public string LocalFunction(string x) { string P() => Prompt; return Answer({|#7:P() + x|}); }
            public string Lambda(string x) { System.Func<string> p = () => Prompt; return Answer({|#8:p() + x|}); }
            private string? _cache;
            public string Kept(string x) { _cache = Prompt; return Answer({|#9:_cache + x|}); }
            public sealed class Request { public string? Prompt { get; set; } }
            [Traced] public string Send(Request r) => r.Prompt ?? "";
            public string Initialized(string x) => Send(new Request { Prompt = Prompt + x });
            public async System.Threading.Tasks.Task<string> SecondTurn(string x) { await System.Threading.Tasks.Task.Yield(); var first = Answer(_config.Prompt + x); return Answer(first + "!"); }
            private string Relay(string s) => Answer(s);
            private string Framed(string s) => Answer("[" + s + "]");
            public string Given(string x) => Relay({|#10:Prompt|}) + Framed({|#11:_config.Prompt|});
            [Traced] public string GivenInATracedMethod(string x) => Relay(Prompt);

            // Linked: this object's value, in the argument or through a local the compiler follows; and a traced method's own
            // reads, which are its dependencies.
            public string Own(string x) => Answer(Prompt + x);
            public string OwnThroughALocal(string x) { var p = Prompt; return Answer(p + x); }
            [Traced] public string Traced(string x) => Answer(_config.Prompt + Build(x));
            public string OtherOnThis(string x) => Answer(_config.Prompt + x);
            public string OtherThroughALocal(string x) { var c = _config; return Answer(c.Prompt + x); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("other._config", "it is reached through the parameter 'other', which the call does not see")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("given", "it is reached through the parameter 'given', which the call does not see")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is read in 'Build', which is not traced; make 'Build' [Traced], or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is read in the property 'Full', whose getter is not traced; make it a [Traced] method, or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Answer", "Prompt", "glue code passed to it",
            "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: Hook()); make it [Traced] or async"),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Answer", "Prompt", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Answer", "Prompt", "glue code passed to it", InAFunction),
        Verify.Diagnostic("OPTO016").WithLocation(8).WithArguments("Answer", "Prompt", "glue code passed to it", InAFunction),
        Verify.Diagnostic("OPTO016").WithLocation(9).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is kept in '_cache', which the glue code does not follow; pass it through a local, or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(10).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is passed to 'Relay', which is not traced and passes it on to 'Answer'; make 'Relay' [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(11).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is passed to 'Framed', which is not traced and passes it on to 'Answer'; make 'Framed' [Traced]"));

    [Test]
    public Task OPTO016_another_object_s_value_is_linked_along_fields_and_auto_properties_from_this_or_a_static_member() => Verify.Analyze("""
        using Opto;

        public sealed class Config { [Trainable] public string Prompt { get; set; } = "c"; }
        public sealed class Settings { public Config Prompts { get; set; } = new(); public Config Fixed { get; } = new(); }
        public static class Shared { public static Config Default { get; set; } = new(); }
        public sealed class Llm { [Traced] public string Answer(string r) => r; }
        public static class Tools { [Traced] public static string Answer(string r) => r; }

        public class Agent(Config captured)
        {
            private readonly Config _config = new();
            private Config _mutable = new();
            private readonly Llm _llm = new();
            private readonly Settings _settings = new();
            public Settings Settings { get; set; } = new();
            private Config Current => _config;
            [Traced] public string Answer(string r) => r;
            public void Swap() => _mutable = new();
            private string Touch(string x) { _mutable = new(); return x; }

            // Linked: from `this` when the call is made on it; from a static member whatever the call is made on.
            public string Chain(string x) => Answer($"{Settings.Prompts.Prompt}: {x}");
            public string Captured(string x) => Answer(captured.Prompt + x);
            public string Readonly(string x) { var p = _config.Prompt + x; return Answer(p); }
            public string GetOnly(string x) { var p = _settings.Fixed.Prompt; return Answer(p + x); }
            public string StaticRoot(string x) => _llm.Answer(Shared.Default.Prompt + x);
            public static string StaticCaller(string x) => Tools.Answer(Shared.Default.Prompt + x);
            public string InAnArgumentThroughAMutableField(string x) => Answer(_mutable.Prompt + x);
            public string CodeBeforeTheRead(string x) => Answer(Touch(x) + _mutable.Prompt);

            // Not linked.
            public string OnAnotherObject(string x) => _llm.Answer({|#0:_config.Prompt|} + x);
            public string Computed(string x) => Answer({|#1:Current.Prompt|} + x);
            public string MutableBefore(string x) { var p = {|#2:_mutable.Prompt|} + x; Swap(); return Answer(p); }
            public string SetterBefore(string x) { var p = {|#3:Settings.Prompts.Prompt|}; return Answer(p + x); }
            public string CodeAfterTheRead(string x) => Answer({|#4:_mutable.Prompt|} + Touch(x));
            public string CodeInALaterArgument(string x) => Answer2({|#5:_mutable.Prompt|} + x, Touch(x));
            [Traced] public string Answer2(string r, string s) => r + s;
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Answer", "Prompt", "glue code passed to it",
            "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("Current", "'Current' is a computed property, and reading it again could run code")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read before the call through '_mutable', which may hold another object by then (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("Settings.Prompts", "it is read before the call through 'Settings', which may hold another object by then (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read through '_mutable', which may hold another object once 'Touch(x)' has run, before the call (make it readonly)")),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Answer2", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read through '_mutable', which may hold another object once 'Touch(x)' has run, before the call (make it readonly)")));

    [Test]
    public Task OPTO016_a_path_that_may_lead_to_another_object_by_the_time_of_the_call_is_not_followed() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Opto;

        public sealed class Config { [Trainable] public string Prompt { get; set; } = "c"; }
        public sealed class Holder { public Config Cfg { get; set; } = new(); }
        public static class HA { public static Holder H { get; } = new(); }
        public static class HB { public static Holder H { get; } = new(); }

        public partial class Agent(Config cfg)
        {
            private Config _mutable = new();
            private readonly Config _fixed;
            private readonly object _obj = new();
            private readonly Task<string> _pending = Task.FromResult("");
            private int _version;
            public Config Refreshed { get { if (_version > 0) field = new(); return field ??= new(); } }
            [Traced] public string Answer(string r) => r;
            private string Wrap(string s) => s;

            public Agent(Config a, Config b) : this(a)
            {
                _fixed = a;
                var p = {|#0:_fixed.Prompt|} + "x";
                _fixed = b;
                Answer(p);
            }

            // Code of the program's may run after the read, before the call.
            public async Task<string> Formatted(string x) { await Task.Yield(); return Answer({|#1:_mutable.Prompt|} + _obj); }
            public async Task<string> Wrapped(string x) { await Task.Yield(); return Answer(Wrap({|#2:_mutable.Prompt|}) + x); }
            public async Task<string> Awaited(string x) => Answer({|#3:_mutable.Prompt|} + await _pending);
            // Members without a setter that may still hold another object.
            public async Task<string> Getter(string x) { await Task.Yield(); var p = {|#4:Refreshed.Prompt|} + x; _version++; return Answer(p); }
            public string Captured(string x) { var p = {|#5:cfg.Prompt|} + x; return Answer(p); }
            // Two static holders are two paths, each linked.
            public string Both(string x) => Answer(HA.H.Cfg.Prompt + HB.H.Cfg.Prompt + x);
            public string Either(bool first, string x) => Answer((first ? {|#6:HA.H.Cfg.Prompt|} : {|#7:HB.H.Cfg.Prompt|}) + x);
            // Text and numbers only after the read: linked.
            public async Task<string> Plain(string x) { await Task.Yield(); return Answer($"{_mutable.Prompt} {x.Trim()} {x.Length}"); }
        }

        public partial class Agent
        {
            public void Reset() => (cfg, _version) = (new Config(), 1);
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_fixed", "it is read before the call through '_fixed', which may hold another object by then (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read through '_mutable', which may hold another object once '_obj' has run, before the call (make it readonly)")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read through '_mutable', which may hold another object once 'Wrap(_mutable.Prompt)' has run, before the call (make it readonly)")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("_mutable", "it is read through '_mutable', which may hold another object once 'await _pending' has run, before the call (make it readonly)")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("Refreshed", "it is read before the call through 'Refreshed', which may hold another object by then (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("cfg", "the primary-constructor parameter 'cfg' is assigned in 'Agent', so it may hold another object")),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Answer", "Prompt", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Answer", "Prompt", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"));

    [Test]
    public Task OPTO016_a_local_set_once_is_followed_to_what_set_it_when_that_cannot_change_before_the_call() => Verify.Analyze("""
        using Opto;

        public sealed class Config { [Trainable] public string Prompt { get; set; } = "c"; }
        public sealed class Settings { public Config Prompts { get; set; } = new(); }

        public class Agent
        {
            private readonly Config _config = new();
            private readonly Settings _settings = new();
            private Config _mutable = new();
            [Traced] public string Answer(string r) => r;
            private Config Make() => new();

            // Linked: what set the local cannot have changed, and what follows it is read in the argument.
            public string Once(string x) { var c = _config; return Answer(c.Prompt + x); }
            public string ThenAMutableStep(string x) { var s = _settings; return Answer(s.Prompts.Prompt + x); }
            public string TwoLocals(string x) { var s = _settings; var t = s; return Answer($"{t.Prompts.Prompt} {x}"); }

            // Not linked.
            public string FromAMutableField(string x) { var c = _mutable; return Answer({|#1:c.Prompt|} + x); }
            public string FromASetter(string x) { var c = _settings.Prompts; return Answer({|#2:c.Prompt|} + x); }
            public string AssignedAgain(string x) { var c = _config; if (x.Length > 1) c = Make(); return Answer({|#3:c.Prompt|} + x); }
            public async System.Threading.Tasks.Task<string> AssignedInALambda(string x) { var c = _config; System.Action a = () => c = Make(); await System.Threading.Tasks.Task.Yield(); a(); return Answer({|#4:c.Prompt|} + x); }
            public string SetAfterItsDeclaration(string x) { Config c; c = _config; return Answer({|#5:c.Prompt|} + x); }
            public string FromACall(string x) { var c = Make(); return Answer({|#6:c.Prompt|} + x); }
            public string AReference(string x) { ref readonly var c = ref _config; return Answer({|#7:c.Prompt|} + x); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("c", "it is read through the local 'c', set from '_mutable', which may hold another object by the call (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("c", "it is read through the local 'c', set from 'Prompts', which may hold another object by the call (make it readonly, or read the value in the argument itself)")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("c", "it is read through the local 'c', which is assigned after it is declared")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("c", "it is read through the local 'c', which is assigned after it is declared")),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("c", "it is read through the local 'c', which is not set where it is declared")),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Answer", "Prompt", "glue code passed to it",
            OtherObject("c", "it is read through the local 'c', whose value the compiler cannot follow: it is returned by a method call")),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("c", "it is read through the local 'c', which is a reference to another variable")));

    [Test]
    public Task OPTO016_a_trainable_value_read_in_an_implementation_of_what_the_glue_reads_through_an_interface_or_a_base() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Opto;

        public interface IPersona { string Voice { get; } string Greet(); }
        public class Pirate : IPersona
        {
            [Trainable] public string Accent { get; set; } = "arr";
            public string Voice => Accent + "!";
            public string Greet() => Accent;
        }
        public class Parrot : IPersona
        {
            [Trainable] public string Voice { get; set; } = "squawk";
            public string Greet() => "hello";
        }
        public abstract class Stage { public virtual string Prompt => "plain"; }
        public class Opening : Stage
        {
            [Trainable] public string Line { get; set; } = "begin";
            public override string Prompt => Line + ":";
        }

        public interface ISpeaker { string Tone { get; } }
        public class Mentor : ISpeaker { [Trainable] public virtual string Tone { get; set; } = "calm"; }
        public class LoudMentor : Mentor { public override string Tone => base.Tone + "!"; }

        public class Replier { [Traced] public string Reply(string prompt) => prompt; }

        public class Agent(IPersona persona, Stage stage, ISpeaker speaker) : Replier
        {
            private readonly ISpeaker _speaker = speaker;

            // Not reported: the override adds to the base's trainable value, which the read is linked to.
            public async Task<string> OverridingTheBase(string q) { await Task.Yield(); return Reply(_speaker.Tone + q); }

            private readonly IPersona _persona = persona;
            private readonly Stage _stage = stage;
            private readonly Replier _replier = new();

            public string OnThis(string q) => Reply({|#0:{|#5:_persona.Voice|} + q|});
            public async Task<string> OnThisAsync(string q) { await Task.Yield(); return Reply({|#1:_persona.Voice + q|}); }
            public async Task<string> OnAnother(string q) { await Task.Yield(); return _replier.Reply({|#2:{|#6:_persona.Voice|} + q|}); }
            public string AMethod(string q) => Reply({|#3:_persona.Greet() + q|});
            public string AnOverride(string q) => Reply({|#4:_stage.Prompt + q|});
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Reply", "Accent", "glue code passed to it", Implementation("Pirate.Voice", "Voice")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Reply", "Accent", "glue code passed to it", Implementation("Pirate.Voice", "Voice")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Reply", "Accent", "glue code passed to it", Implementation("Pirate.Voice", "Voice")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Reply", "Accent", "glue code passed to it", Implementation("Pirate.Greet", "Greet")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Reply", "Line", "glue code passed to it", Implementation("Opening.Prompt", "Prompt")),
        // Parrot's trainable Voice, read through the interface: linked only where the glue's own rules allow.
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Reply", "Voice", "glue code passed to it",
            "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: _persona.Voice); make it [Traced] or async"),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Reply", "Voice", "glue code passed to it",
            "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]"));

    [Test]
    public Task OPTO016_a_local_stepped_where_the_glue_code_does_not_follow_it_is_reported_as_such() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Opto;

        public class Pager
        {
            [Trainable] public int PageSize { get; set; } = 10;
            [Traced] public string Show(int results) => "" + results;

            // Followed: ++ and -- written as statements, as `size += 1` is.
            public string Next() { var size = PageSize; size++; return Show(size); }
            public async Task<string> Fewer(bool more) { await Task.Yield(); var size = PageSize; --size; if (more) size--; return Show(size); }

            // Not followed.
            public string Inline() { var size = {|#0:PageSize|}; return Show(++size); }
            public string Passed() { var size = {|#1:PageSize|}; return Show(size++); }
            public string Looped(int pages) { var size = {|#2:PageSize|}; for (var i = 0; i < pages; i++) size++; return Show(size); }
            public string OnSomePaths(bool small) { var size = small ? 1 : {|#3:PageSize|}; return Show(size); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Show", "PageSize", "glue code passed to it", NotFollowed),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Show", "PageSize", "glue code passed to it", NotFollowed),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Show", "PageSize", "glue code passed to it", NotFollowed),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Show", "PageSize", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"));

    [Test]
    public Task OPTO016_a_trainable_value_put_into_a_string_builder_whose_text_reaches_the_call() => Verify.Analyze("""
        using System.Text;
        using Opto;

        public static class Prompts { [Trainable] public static string System = "Be brief."; }

        public class Agent
        {
            [Trainable] public string Persona { get; set; } = "calm";
            [Traced] public string Ask(string prompt) => prompt;
            [Traced] public string Summarize(string text) => text;

            public string Appended(string q) { var sb = new StringBuilder(); sb.Append(Prompts.System).Append('\n').Append(q); return Ask({|#0:sb.ToString()|}); }
            public string Interpolated(string q) { var sb = new StringBuilder(); sb.AppendLine($"System: {Prompts.System}"); sb.AppendLine(q); return Ask({|#1:sb.ToString()|}); }
            public string Formatted(string q) { var sb = new StringBuilder(); sb.AppendFormat("{0}|{1}", Persona, q); return Ask({|#2:sb.ToString()|}); }
            public string Filled(string q) { var sb = new StringBuilder("S: "); sb.Append(Persona).Append(q); return Ask({|#4:sb.ToString()|}); }
            private static void Fill(StringBuilder sb) => sb.Append(Prompts.System);
            public string Helped(string q) { var sb = new StringBuilder(); Fill(sb); sb.Append(q); return Ask({|#5:sb.ToString()|}); }
            public string Looped(string q) { var sb = new StringBuilder(); foreach (var part in new[] { Prompts.System, q }) sb.Append(part); return Ask({|#6:sb.ToString()|}); }
            public string Listed(string q) { var lines = new System.Collections.Generic.List<string>(); lines.Add(Persona); var sb = new StringBuilder(); foreach (var l in lines) sb.AppendLine(l); return Ask({|#10:sb.ToString()|}); }
            private readonly StringBuilder _header = new StringBuilder();
            private void Start() => _header.Append(Persona);
            public string Kept(string q) { Start(); return Ask({|#7:_header.ToString() + q|}); }
            private readonly StringBuilder _preamble = new StringBuilder().Append(Prompts.System);
            public string Initialized(string q) => Ask({|#9:_preamble.ToString() + q|});
            [Traced] public string Consume(StringBuilder text) => text.ToString();
            public string Given(string q) { var sb = new StringBuilder(); sb.Append(Persona); return Consume({|#8:sb|}); }

            // Not reported: a traced call's result put in as it is links, so does a value the expression itself puts in (through a
            // local set once to it), and in a traced method what its body reads.
            public string Result(string q) { var sb = new StringBuilder(); sb.Append(Summarize(q)); return Ask(sb.ToString()); }
            public string Chained(string q) => Ask(new StringBuilder().Append("S: ").Append(Persona).Append(q).ToString());
            public string ChainedStatic(string q) => Ask(new StringBuilder(Prompts.System).Append(q).ToString());
            public string Started(string q) { var sb = new StringBuilder(Prompts.System); sb.Append(q); return Ask(sb.ToString()); }
            [Traced] public string InATracedMethod(string q) { var sb = new StringBuilder(); sb.Append(Persona); return Ask(sb.ToString()); }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Ask", "System", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Ask", "System", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Ask", "Persona", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Ask", "Persona", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Ask", "System", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Ask", "System", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Ask", "Persona", "glue code passed to it", InABuilder("_header")),
        Verify.Diagnostic("OPTO016").WithLocation(8).WithArguments("Consume", "Persona", "glue code passed to it", InABuilder("sb")),
        Verify.Diagnostic("OPTO016").WithLocation(9).WithArguments("Ask", "System", "glue code passed to it", InABuilder("_preamble")),
        Verify.Diagnostic("OPTO016").WithLocation(10).WithArguments("Ask", "Persona", "glue code passed to it", InABuilder("sb")));

    private static string InABuilder(string name) =>
        $"it is put into '{name}', a StringBuilder, by a call of its own, and the builder's text links what traced calls made but no trainable value; read the value in the argument itself";

    [Test]
    public Task OPTO016_a_trainable_value_glue_code_reads_by_a_pattern_or_adds_to_a_list() => Verify.Analyze("""
        using Opto;

        public class Book { [Trainable] public string Prompt { get; set; } = "p"; }
        public static class Library { public static Book Default { get; } = new(); public static object Boxed { get; } = new Book(); }

        public class Agent
        {
            [Trainable] public string Prompt { get; set; } = "own";
            private readonly Book _book = new();
            [Traced] public string Ask(string prompt) => prompt;

            public string OnItself(string q) { switch (this) { case { Prompt: var p }: return Ask({|#0:p + q|}); default: return q; } }
            public string OnAMember(string q) => _book is { Prompt: var p } ? Ask({|#1:p + q|}) : q;
            public string Typed(string q) => Library.Boxed is Book { {|#4:Prompt|}: var p } ? Ask({|#2:p + q|}) : q;

            [Traced] public string Chat(System.Collections.Generic.List<string> messages) => string.Join("\n", messages);
            public string Listed(string q) { var messages = new System.Collections.Generic.List<string>(); messages.Add("System: " + Prompt); messages.Add(q); return Chat({|#3:messages|}); }

            // Not reported: the member read by name, and an element of a collection a foreach reads, which the glue's flow carries.
            public string ByName(string q) => Ask(_book.Prompt + q);
            public async System.Threading.Tasks.Task<string> Each(string q) { await System.Threading.Tasks.Task.Yield(); var r = ""; foreach (var p in new[] { Prompt }) r = Ask(p + q); return r; }
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Ask", "Prompt", "glue code passed to it", ByAPattern("p")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Ask", "Prompt", "glue code passed to it", ByAPattern("p")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Ask", "Prompt", "glue code passed to it", ByAPattern("p")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Chat", "Prompt", "glue code passed to it",
            "it is added to 'messages', whose elements link what traced calls made but no trainable value; read the value in the argument itself"),
        // The type test decides the call too, and the compiler does not follow it.
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Ask", "Prompt", "the condition that decides whether it runs",
            OtherObject("Library.Boxed", "it is read by a pattern that tests the object's type ('Book { ... }'), which the compiler does not follow; read it on a variable of that type")));

    private static string ByAPattern(string local) =>
        $"it is read by a pattern into '{local}', which the glue code does not follow; read the value in the argument itself";

    private const string NotFollowed =
        "it reaches the call through a local whose changes the glue code does not follow (it follows a local set by its declaration, assignments and ++ or -- written as statements, outside loops); read the value in the argument itself, or set the local in such statements";

    private static string Implementation(string implementation, string member) =>
        $"it is read in '{implementation}', which runs in place of '{member}' on some objects and is not traced; read the value in the argument itself";

    private const string InAFunction = "it is read in a lambda or a local function, whose value the glue code does not follow; read the value in the argument itself";

    private static string OtherObject(string holder, string unfollowed) =>
        $"it belongs to '{holder}', another object than the call's own, which glue code finds again only through fields and auto-properties from 'this' or a static member, and {unfollowed}; make the method [Traced]";
}
