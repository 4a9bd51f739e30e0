using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>
/// Which traced methods the generator proves make no traced call (so the runtime skips tracking nested calls for them).
/// A wrong "leaf" would silently lose the dependencies of nested calls, so every doubtful shape must stay tracked.
/// </summary>
public class NestedCallAnalysisTests
{
    private const string Source = """
        using System; using System.Collections.Generic; using System.Linq; using System.Text; using System.Threading.Tasks; using Opto;
        namespace N;
        public class User { public override string ToString() => Agent.Traced("u"); public static bool operator ==(User a, User b) => Agent.Traced("op") == ""; public static bool operator !=(User a, User b) => true; public override bool Equals(object? o) => true; public override int GetHashCode() => 0; public static explicit operator string(User u) => Agent.Traced("c"); }
        public class Agent
        {
            private readonly Func<string, string> _func = s => s;
            private readonly Parameter<string> _hint = new("h", "Hint");
            private readonly List<User> _users = new();
            [Trainable] public string Prompt { get; set; } = "p";
            public string Computed => Traced("x");
            public string Plain => "plain";
            public string Safe { get => _safe; set => _safe = value; }
            private string _safe = "";

            [Traced] public static string Traced(string s) => s;
            [Traced] public string LeafConcat(string a, string b) => a + " " + b;
            [Traced] public string LeafInterpolation(string x, int n) => $"{Prompt} {x} {n}";
            [Traced] public string LeafLibrary(string x) => x.ToUpperInvariant().Trim() + Math.Max(x.Length, 3);
            [Traced] public string LeafParameter(string x) => _hint.Value + x;
            [Traced] public Task LeafDelay(int ms) => Task.Delay(ms);
            [Traced] public string LeafHelper(string x) => Helper(x) + Plain + Safe;
            [Traced] public string LeafBuilder(string x) { var b = new StringBuilder(); b.Append(x); b.Append(1); return b.ToString(); }
            [Traced] public string LeafLoop(string[] xs) { var r = ""; foreach (var x in xs) r += x; for (var i = 0; i < 2; i++) r += i; return r; }
            [Traced] public string LeafSwitch(int n) => n switch { 1 => "one", > 1 => "many", _ => "none" };
            [Traced] public string LeafSpan(string x) => string.Concat(x.AsSpan(0, 1), ".") + x.AsSpan().Trim().Length;
            [Traced] public int SpanOfUsers(User[] us) => new ReadOnlySpan<User>(us).IndexOf(us[0]);
            [Traced] public string InvokesLocalDelegate(string x) => new Func<string, string>(s => s + "!")(x);  // a delegate call is never judged

            [Traced] public string CallsTraced(string x) => Traced(x);
            [Traced] public string CallsTracedInLambda(string[] xs) => xs.Select(x => Traced(x)).First();
            [Traced] public string CallsHelperThatCallsTraced(string x) => Indirect(x);
            [Traced] public string ReadsComputedProperty(string x) => Computed + x;
            [Traced] public string FormatsUserObject(User u) => $"{u}";
            [Traced] public string JoinsUserObjects() => string.Join(",", _users);
            [Traced] public string ConcatsUserObject(User u) => "a" + u;
            [Traced] public string InvokesDelegate(string x) => _func(x);
            [Traced] public string MethodGroup(string[] xs) => xs.Select(Indirect).First();
            [Traced] public string CreatesUserObject() => new User().GetHashCode().ToString();
            [Traced] public bool UserOperator(User a, User b) => a == b;
            [Traced] public string UserConversion(User u) => (string)u;
            [Traced] public string LoopsOverUsers() { var r = ""; foreach (var u in _users) r += u.GetHashCode(); return r; }
            [Traced] public async Task<string> Awaits(Task<string> t) => await t;
            [Traced] public virtual string Virtual(string x) => x;
            [Traced] public string Locks(string x) { lock (_users) return x; }
            [Traced] public string LocksAroundTraced(string x) { lock (_users) return Traced(x); }
            [Traced] public string Runs(string x) => Task.Run(() => Traced(x)).Result;
            [Traced] public string EqualsObject(object o) => o.Equals(this) ? "y" : "n";
            [Traced] public string ReadsInitializedStatic(string x) => Registry.Name + x;
            [Traced] public string ReadsPlainStatic(string x) => Counter.Count + x;
            [Trainable] public string TrainableCode(string x) => x;

            [Traced] public string LeafRecord(string x) => new Note(x, 2).Text;
            [Traced] public string LeafClass(string x) => new Box(x).Value;
            [Traced] public string LeafDerived(string x) => new SmallBox(x).Value;
            [Traced] public string LeafStruct(string x) => new Pair(x, 1).A;
            [Traced] public string LeafInitializer(string x) => new Box(x) { Value = x }.Value;
            [Traced] public string LeafListAdd(User u, string x) { var l = new List<User>(); l.Add(u); l.Insert(0, u); return x; }
            [Traced] public string LeafLibraryStructs(string x) { int? n = x.Length; return TimeSpan.FromSeconds(n.GetValueOrDefault()).ToString() + DateTimeOffset.UnixEpoch.Offset; }

            [Traced] public string RecordInitializerCallsTraced(string x) => new Tagged(x).S;
            [Traced] public string ConstructorCallsTraced(string x) => new Logged(x).Text;
            [Traced] public string BaseConstructorCallsTraced(string x) => new FromLogged(x).Text;
            [Traced] public string ImplicitBaseConstructorCallsTraced() => new Quiet().Text;
            [Traced] public string ChainedConstructorCallsTraced(string x) => new Chained(x).Text;
            [Traced] public string StaticConstructorCallsTraced() => new Initialized().ToString()!;
            [Traced] public string PrimaryPassesToBase(string x) => new Passes(x).Text;
            [Traced] public string FieldInitializerCreatesTracer(string x) => new Holds().Inner.Text;
            [Traced] public string StructInitializerCallsTraced(string x) => new Loud().S;
            [Traced] public string InitializerSetsComputedProperty(string x) => new Settable { Loud = x }.Loud;
            [Traced] public int ListFromUsers(User[] users) => new List<User>(users).Count;
            [Traced] public bool ListContainsUser(User u) { var l = new List<User>(); return l.Contains(u); }
            [Traced] public string DictionaryOfUserKeys(User u, string x) { var d = new Dictionary<User, string>(); d.Add(u, x); return x; }
            // A sequence given by its interface may be computed as it is enumerated (an iterator, `Select(d => Summarize(d))`).
            [Traced] public string JoinsSequence(IEnumerable<string> parts) => string.Join(",", parts);
            [Traced] public string LoopsOverSequence(IReadOnlyList<string> parts) { var r = ""; foreach (var p in parts) r += p; return r; }
            [Traced] public string[] SpreadsSequence(IEnumerable<string> parts) => [.. parts];
            [Traced] public List<string> LeafCollectionExpression(string x) => [x, x + "1"];
            [Traced] public string LeafJoinsArray(string[] parts) => string.Join(",", parts);

            private string Helper(string x) => x.ToLowerInvariant();
            private string Indirect(string x) => Traced(x);
        }
        public static class Registry { public static string Name = Agent.Traced("first use"); }
        public static class Counter { public static int Count; }
        public record Note(string Text, int Priority) { public string Label { get; } = Text + Priority; }
        public class Box { public Box(string value) { Value = value.Trim(); } public string Value { get; set; } }
        public class SmallBox : Box { public SmallBox(string value) : base(value) { } }
        public struct Pair(string a, int b) { public string A = a + b; }
        public record Tagged(string S) { public string T { get; } = Agent.Traced(S); }
        public class Logged { public Logged(string text) { Text = Agent.Traced(text); } public string Text { get; } }
        public class FromLogged : Logged { public FromLogged(string text) : base(text) { } }
        public class Noisy { public Noisy() { Agent.Traced("n"); } }
        public class Quiet : Noisy { public string Text => "q"; }
        public class Chained { public Chained(string text) : this(text, 1) { } public Chained(string text, int n) { Text = Agent.Traced(text); } public string Text { get; } = ""; }
        public class Initialized { static Initialized() { Agent.Traced("s"); } }
        public class Passes(string text) : Logged(text);
        public class Holds { public Logged Inner { get; } = new Logged("i"); }
        public struct Loud { public Loud() { } public string S = Agent.Traced("l"); }
        public class Settable { private string _loud = ""; public string Loud { get => _loud; set => _loud = Agent.Traced(value); } }
        """;

    [Test]
    public void Only_bodies_that_provably_make_no_traced_call_are_leaves()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Leaves", null, Source));
        generated.AssertClean();

        var registration = generated.Sources["Opto.Registration.g.cs"];
        var leaves = Regex.Matches(registration, @"Register\(""M:N\.Agent\.(\w+)\([^""]*"", [^;]*callsTracedCode: false").Select(m => m.Groups[1].Value).ToList();

        Assert.That(leaves, Is.EquivalentTo(new[]
        {
            "LeafConcat", "LeafInterpolation", "LeafLibrary", "LeafParameter", "LeafDelay", "LeafHelper", "LeafBuilder", "LeafLoop", "LeafSwitch", "LeafSpan", "Traced", "ReadsPlainStatic",
            "LeafRecord", "LeafClass", "LeafDerived", "LeafStruct", "LeafInitializer", "LeafListAdd", "LeafLibraryStructs", "LeafCollectionExpression", "LeafJoinsArray",
            // Taking a lock runs the framework's code only; what runs under it is walked as any body.
            "Locks",
        }), registration);
    }
}
