using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.CopiedTrainableAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>A <c>with</c> copy of an object that holds trainable members has parameters of its own (OPTO021).</summary>
public class CopiedTrainableTests
{
    [Test]
    public Task OPTO021_a_with_expression_on_an_object_that_holds_trainable_members() => Verify.Analyze("""
        using Opto;

        public record Request(string Question) { [Trainable] public string Instruction { get; set; } = "Answer briefly."; }
        public record Reviewed(string Question) : Request(Question) { [Trainable] public string Rubric { get; set; } = "Be fair."; }
        public record struct Step(int Number) { [Trainable] public static string Shared = "s"; }
        public class Instructions { [Trainable] public string Answer { get; set; } = "Answer briefly."; }
        public record Shared(Instructions Instructions, string Question);
        public record Settled(string Tag) { [Trainable] public string Rule { get; init; } = "r"; }
        public record Boxed<T>(T Value) { [Trainable] public string Note { get; set; } = "n"; }
        public record struct Slot(int Number) { [Trainable] public string Label { get; set; } = "l"; }

        public class Agent
        {
            [Traced] public string Ask(Request request) => request.Instruction + request.Question;

            public string Copied(Request template, string q) => Ask({|#0:template with { Question = q }|});
            public Reviewed Derived(Reviewed template) => {|#1:template with { Question = "" }|};

            // Not reported: nothing trainable is copied (a static member, or an object the copy refers to as the original does), or
            // what is copied is no parameter (init-only, of a generic type or a struct: OPTO005 says so at the declaration).
            public Step Numbered(Step step) => step with { Number = 2 };
            public Shared Referred(Shared template, string q) => template with { Question = q };
            public Settled Init(Settled s) => s with { Tag = "" };
            public Boxed<int> Generic(Boxed<int> b) => b with { Value = 1 };
            public Slot Struct(Slot s) => s with { Number = 1 };
        }
        """,
        Verify.Diagnostic("OPTO021").WithLocation(0).WithArguments("template with { Question = q }", "the trainable 'Instruction'", "Request"),
        Verify.Diagnostic("OPTO021").WithLocation(1).WithArguments("template with { Question = \"\" }", "the trainables 'Rubric', 'Instruction'", "Reviewed"));
}
