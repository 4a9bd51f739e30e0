using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>
/// What a traced method adds to or sets in a member of its object, or a static one, is linked to its call: the interceptor
/// watches each such member (by its name, or through an UnsafeAccessor when it is private), and only those it can read as
/// the call starts and completes. See WatchedMembers.
/// </summary>
public class WatchedMemberTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Opto;

        namespace Watch;

        public class Base
        {
            protected List<string> Inherited { get; } = [];
        }

        public class Agent : Base
        {
            private readonly List<string> _notes = [];
            private string _last = "";
            private string Hidden { get; set; } = "";
            public StringBuilder Log { get; } = new();
            public static List<string> Shared { get; } = [];
            public string Computed => _last;
            public string Status { private get; set; } = "";

            [Traced] public void Note(string t) => _notes.Add(t + "!");
            [Traced] public void Remember(string t) => _last = t + "?";
            [Traced] public void Hide(string t) => Hidden = t + "#";
            [Traced] public void Inherit(string t) => Inherited.Add(t + "^");
            [Traced] public void Write(string t) => Log.Append(t + "~");
            [Traced] public static void Share(string t) => Shared.Add(t + "$");
            [Traced] public async Task RememberAsync(string t) { await Task.Yield(); _last = t + "&"; }
            [Traced] public void Keep(string t) => _last = t;
            [Traced] public void Report(string t) => Status = t + "+";
            private static readonly List<string> s_log = [];
            private static string s_lastLogged = "";
            [Traced] public void LogPrivately(string t) { s_lastLogged = t + "%"; s_log.Add(s_lastLogged); }
            [Traced] public void NoteViaHelper(string t) => Store(t + "=");
            private void Store(string s) => _notes.Add(s);
            [Traced] public void Later(string t) { System.Action add = () => _notes.Add(t + "@"); add(); }
            [Traced] public string Use(string t) => "<" + t + ">";
            [Traced] public string UseAll(IReadOnlyList<string> all) => string.Join(",", all);

            public async Task<string> RunAsync()
            {
                var used = new List<string>();
                Note("a");
                used.Add(UseAll(_notes));
                Remember("b");
                used.Add(Use(_last));
                Hide("c");
                used.Add(Use(Hidden));
                Inherit("d");
                used.Add(UseAll(Inherited));
                Write("e");
                used.Add(Use(Log.ToString()));
                Share("f");
                used.Add(UseAll(Shared));
                await RememberAsync("g");
                used.Add(Use(Computed));
                var given = "h" + used.Count;
                Keep(given);
                used.Add(Use(_last));
                Later("i");
                used.Add(Use(_notes[^1]));
                Report("j");
                used.Add(Use(Status));
                NoteViaHelper("k");
                used.Add(UseAll(_notes));
                s_log.Clear();
                LogPrivately("l");
                used.Add(UseAll(s_log));
                used.Add(Use(s_lastLogged));
                return string.Join(" ", used);
            }

            public static string Run()
            {
                Shared.Clear();
                var untraced = new Agent().RunAsync().Result;
                Shared.Clear();
                using var scope = TraceScope.Begin();
                var traced = new Agent().RunAsync().Result;
                var uses = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("use", System.StringComparison.Ordinal))
                    .Select(n => n.Name + "(" + string.Join("+", n.Parents.Select(Source)) + ")");
                return untraced == traced ? traced + " | " + string.Join(" ", uses) : "differs: " + untraced + " / " + traced;
            }

            // Where an input came from: the traced calls the glue nodes between lead to, or "input".
            private static string Source(Node node) => node switch
            {
                InputNode => "input",
                MessageNode => node.Name,
                _ => string.Join("+", node.Parents.Select(Source)),
            };
        }

        // Not watched: a private member of a generic type (no accessor reaches it from a call's interceptor), a struct's own members.
        public class Box<T>
        {
            private readonly List<string> _items = [];
            [Traced] public void Put(string t) => _items.Add(t + "*");
        }

        public struct Tally
        {
            public List<string> Items;
            [Traced] public void Count(string t) => Items.Add(t + "%");
        }

        public static class Calls
        {
            public static void Make() { new Box<int>().Put("x"); var tally = new Tally { Items = [] }; tally.Count("y"); }
        }
        """;

    [Test]
    public void Members_a_traced_method_or_its_own_helpers_add_to_or_set_are_watched_by_name_or_accessor()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Watch", null, Source));
        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];

        var watched = Regex.Matches(interceptors, @"__call\.(?<kind>FillsMember|SetsMember)\(""(?<name>\w+)"", (?<owner>[^,]+),")
            .Select(m => $"{m.Groups["kind"].Value} {m.Groups["name"].Value} {m.Groups["owner"].Value}")
            .ToList();
        Assert.That(watched, Is.EquivalentTo(new[]
        {
            "FillsMember _notes @this", "SetsMember _last @this", "SetsMember Hidden @this", "FillsMember Inherited @this",
            "FillsMember Log @this", "FillsMember Shared typeof(global::Watch.Agent)", "SetsMember _last @this", "SetsMember _last @this",
            "SetsMember Status @this", "FillsMember _notes @this",
            "SetsMember s_lastLogged typeof(global::Watch.Agent)", "FillsMember s_log typeof(global::Watch.Agent)",
        }), "Later adds in a lambda, which may run after the call: not watched; nor Box's private list, nor a struct's member; what a helper adds is");
        Assert.That(interceptors, Does.Contain("UnsafeAccessorKind.Field, Name = \"_notes\")]"));
        Assert.That(interceptors, Does.Contain("UnsafeAccessorKind.Method, Name = \"get_Hidden\")]"));
        Assert.That(interceptors, Does.Contain("UnsafeAccessorKind.Method, Name = \"get_Status\")]"), "a public property with a private getter");
        Assert.That(interceptors, Does.Contain("UnsafeAccessorKind.StaticField, Name = \"s_log\")]"), "a private static field");
        Assert.That(interceptors, Does.Match(@"UnsafeAccessorKind\.Method, Name = ""get_Inherited""\)\]\s+private static extern global::System\.Collections\.Generic\.List<string> \w+\(global::Watch\.Base __target\);"),
            "a protected member is reached on the type that declares it");
        Assert.That(interceptors, Does.Contain("FillsMember(\"Log\", @this, static __o => ((global::Watch.Agent)__o).Log);"), "a public member by its name");
    }

    [Test]
    public void What_a_traced_method_adds_to_or_sets_in_its_members_is_linked_to_its_call_and_runs_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Watch", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Watch.Agent", "Run")!;

        var (results, uses) = (output.Split(" | ")[0], output.Split(" | ")[1].Split(' '));
        Assert.That(results, Is.EqualTo("a! <b?> <c#> d^ <e~> f$ <g&> <h7> <i@> <j+> a!,i@,k= l% <l%>"), "the same as untraced");
        Assert.That(uses, Is.EqualTo(new[]
        {
            "useAll0(note0)", "use0(remember0)", "use1(hide0)", "useAll1(inherit0)", "use2(write0)", "useAll2(share0)", "use3(remember1)",
            "use4(input)", "use5(input)", "use6(report0)", "useAll3(useAll0+input+noteViaHelper0)", "useAll4(logPrivately0)", "use7(useAll4)",
        }), "a value the caller gave (h7) stays the caller's input; what a lambda added is not watched (the analyzer reports it); "
            + "what a helper added is; the first note and the last logged one are what useAll0 and useAll4 returned as they were (one-element joins), their latest producers");
    }
}
