using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>Methods with <c>out</c>, <c>ref</c>, <c>in</c> and <c>ref readonly</c> parameters are intercepted in every call shape.</summary>
public class ByReferenceTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace ByRef;

        public class Agent
        {
            [Traced] public bool TryRead(string reply, out string verdict) { verdict = reply + "!"; return true; }
            [Traced] public void Refine(ref string prompt) => prompt += "?";
            [Traced] public int Measure(in string text) => text.Length;
            [Traced] public int Peek(ref readonly string text) => text.Length;
            [Traced] public Task<int> StartAsync(string x, out string note) { note = x + "."; return Task.FromResult(note.Length); }
            [Traced] private bool TryHidden(string x, out string y) { y = x + "#"; return true; }
            [Traced] public static bool TryStatic(string x, out string y) { y = x + "$"; return true; }
            [Traced] public bool TryGeneric<T>(T x, out T y) where T : class { y = x; return true; }
            [Traced] public void Fill(out List<string> notes, string x) => notes = new List<string> { x + "~" };
            [Traced] public string Join(List<string> notes) => string.Join(",", notes);

            public async Task<string> RunAsync()
            {
                var prompt = "p";
                TryRead("r", out var verdict);
                Refine(ref prompt);
                var measured = Measure(in verdict) + Peek(in prompt) + Peek(ref prompt);
                var started = await StartAsync("s", out var note);
                TryHidden("h", out var hidden);
                TryStatic("t", out var stat);
                TryGeneric("g", out var generic);
                "e".TryExt(out var extended);
                Fill(out var notes, "f");
                string field;
                TryRead("again", out field);
                return string.Join(" ", verdict, prompt, measured, started, note, hidden, stat, generic, extended, Join(notes), field);
            }

            public static string Run()
            {
                var untraced = new Agent().RunAsync().Result;
                using var scope = TraceScope.Begin();
                var traced = new Agent().RunAsync().Result;
                var names = string.Join(",", scope.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name));
                return untraced == traced ? traced + " | " + names : "differs: " + untraced + " / " + traced;
            }
        }

        public static class Extensions
        {
            [Traced] public static bool TryExt(this string x, out string y) { y = x + "%"; return true; }
        }
        """;

    [Test]
    public void Every_call_with_arguments_by_reference_is_intercepted_and_runs_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("ByRef", null, Source));
        generated.AssertClean();

        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        Assert.That(Regex.Matches(interceptors, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(").Count, Is.EqualTo(13), "every call of a traced method");
        Assert.That(interceptors, Does.Contain("verdict = __call.Output(\"verdict\", verdict);"));
        Assert.That(interceptors, Does.Contain("public static int Peek_3(this global::ByRef.Agent @this, ref readonly string text)"));

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "ByRef.Agent", "Run")!;

        Assert.That(output, Is.EqualTo("r! p? 6 2 s. h# t$ g e% f~ again! | " +
            "tryRead0,refine0,measure0,peek0,peek1,start0,tryHidden0,tryStatic0,tryGeneric0,tryExt0,fill0,tryRead1,join0"));
    }
}
