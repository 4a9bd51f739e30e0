using Microsoft.CodeAnalysis.CSharp;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.ProjectSettingsAnalyzer>;

namespace Trace.Analyzers.Tests;

public class LanguageVersionTests
{
    private const string Agent = """
        using Opto;

        public class Agent
        {
            [{|#0:Trainable("How to greet.")|}] public string Greeting { get; set; } = "Hi";
            [Traced] public string Reply(string customer) => Greeting + customer;
        }
        """;

    private const string Caller = """
        public static class Caller
        {
            public static string Call(Agent agent) => {|#1:agent.Reply("x")|} + agent.Reply("y");
        }
        """;

    private const string Plain = """
        public class Plain { public string Reply(string customer) => customer; }
        """;

    [TestCase(LanguageVersion.CSharp11, "11.0")]
    [TestCase(LanguageVersion.CSharp10, "10.0")]
    [TestCase(LanguageVersion.CSharp7_3, "7.3")]
    public Task OPTO019_reported_once_per_file_below_CSharp_12(LanguageVersion version, string display) => Verify.AnalyzeAt(version, [Agent, Caller],
        Verify.Diagnostic("OPTO019").WithLocation(0).WithArguments("Trainable", display, "12.0"),
        Verify.Diagnostic("OPTO019").WithLocation(1).WithArguments("Traced", display, "12.0"));

    [Test]
    public Task OPTO019_names_the_versions_and_the_setting() => Verify.AnalyzeAt(LanguageVersion.CSharp11, [Agent],
        Verify.Diagnostic("OPTO019").WithLocation(0).WithMessage(
            "This project uses [Trainable] but compiles as C# 11.0, and the code Trace for .NET generates needs C# 12.0 or later, so nothing is traced: set <LangVersion> to 12.0 or later in the project file or Directory.Build.props (or remove the setting: the default for net10.0 is C# 14)"));

    [TestCase(LanguageVersion.CSharp12)]
    [TestCase(LanguageVersion.CSharp13)]
    [TestCase(LanguageVersion.Latest)]
    public Task OPTO019_not_reported_from_CSharp_12(LanguageVersion version) =>
        Verify.AnalyzeAt(version, [Agent.Replace("{|#0:", "", StringComparison.Ordinal).Replace(")|}]", ")]", StringComparison.Ordinal), Caller.Replace("{|#1:", "", StringComparison.Ordinal).Replace(")|}", ")", StringComparison.Ordinal)]);

    [Test]
    public Task OPTO019_and_OPTO011_both_reported_when_both_settings_prevent_tracing() => Verify.AnalyzeAt(LanguageVersion.CSharp11, interceptorsEnabled: false, [Agent],
        Verify.Diagnostic("OPTO011").WithLocation(0).WithArguments("Trainable"),
        Verify.Diagnostic("OPTO019").WithLocation(0).WithArguments("Trainable", "11.0", "12.0"));

    [Test]
    public Task OPTO019_reported_at_a_TrainableParameters_call_in_a_file_without_attributes_or_traced_calls() => Verify.AnalyzeAt(LanguageVersion.CSharp11, [Agent, """
        using System.Linq;

        public class Crew
        {
            public Agent Lead { get; } = new();
            public int Count() => {|#1:this.{|CS1061:TrainableParameters|}()|}.Count();
        }
        """],
        Verify.Diagnostic("OPTO019").WithLocation(0).WithArguments("Trainable", "11.0", "12.0"),
        Verify.Diagnostic("OPTO019").WithLocation(1).WithArguments("Trainable", "11.0", "12.0"));

    [Test]
    public Task OPTO019_not_reported_in_a_project_that_does_not_use_tracing() => Verify.AnalyzeAt(LanguageVersion.CSharp10, [Plain]);

    private const string Library = """
        using Opto;

        public static class L
        {
            [Traced] public static int M(int x) => x + 1;
        }
        """;

    private const string Consumer = """
        public static class App
        {
            public static int Run() => {|#0:L.M(1)|} + L.M(2);
        }
        """;

    [Test]
    public Task A_project_that_only_calls_a_library_s_traced_methods_is_warned_not_failed() => Verify.AnalyzeWithLibrary(LanguageVersion.CSharp9, Library, Consumer,
        Verify.Diagnostic("OPTO019").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithMessage(
            "This project calls 'L.M', which Library traces, but compiles as C# 9.0, and the code Trace for .NET generates needs C# 12.0 or later, so these calls are not traced. To trace them, set <LangVersion> to 12.0 or later (or remove the setting: the default for net10.0 is C# 14); to leave them untraced, suppress OPTO019."));

    // Without the setting the generator still writes the calls' interceptors, which the compiler rejects: an error that
    // names the library, not the project's own [Traced].
    [Test]
    public Task A_project_that_only_calls_a_library_s_traced_methods_without_interceptors_is_told_which_library() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, Library, Consumer, interceptorsEnabled: false,
        Verify.Diagnostic("OPTO011").WithLocation(0).WithArguments("L.M", "Library"));

    [TestCase("L.M(1) + Own.N()")]
    [TestCase("Own.N() + L.M(1)")]
    public Task A_file_that_also_calls_its_own_project_s_traced_method_gets_the_error_whatever_the_order(string body) => Verify.AnalyzeWithLibrary(LanguageVersion.CSharp9, Library,
        "public static class App { public static int Run() => " + body.Replace("Own.N()", "{|#0:Own.N()|}") + "; }\n" + """
        public static class Own
        {
            [{|#1:Opto.Traced|}] public static int N() => 1;
        }
        """,
        Verify.Diagnostic("OPTO019").WithLocation(1).WithArguments("Traced", "9.0", "12.0"));

    [Test]
    public Task An_override_of_a_library_s_traced_method_counts_as_a_call_of_it() => Verify.AnalyzeWithLibrary(LanguageVersion.CSharp9, """
        using Opto;

        public class Base
        {
            [Traced] public virtual int V(int x) => x;
        }
        """,
        """
        public class Derived : Base
        {
            public override int V(int x) => x + 1;
        }

        public static class App
        {
            public static int Run(Derived d) => {|#0:d.V(1)|};
        }
        """,
        Verify.Diagnostic("OPTO019").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments("Base.V", "Library", "9.0", "12.0"));

    [Test]
    public Task A_project_that_also_declares_traced_methods_still_fails() => Verify.AnalyzeWithLibrary(LanguageVersion.CSharp9, Library, Consumer + """
        public class Own
        {
            [{|#1:Opto.Traced|}] public int N() => 1;
        }
        """,
        Verify.Diagnostic("OPTO019").WithLocation(1).WithArguments("Traced", "9.0", "12.0"));
}
