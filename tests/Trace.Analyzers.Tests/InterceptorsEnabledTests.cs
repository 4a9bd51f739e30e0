using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.ProjectSettingsAnalyzer>;

namespace Trace.Analyzers.Tests;

public class InterceptorsEnabledTests
{
    private const string Source = """
        using Opto;

        public class Agent
        {
            [{|#0:Traced|}] public string Reply(string customer) => customer;
            [Traced] public string Again(string customer) => Reply(customer);
        }
        """;

    [Test]
    public Task OPTO011_reported_once_per_file_when_interceptors_are_not_enabled() => Verify.Analyze(Source, interceptorsEnabled: false,
        Verify.Diagnostic("OPTO011").WithLocation(0).WithArguments("Traced"));

    [Test]
    public Task OPTO011_names_the_property_to_add() => Verify.Analyze(Source, interceptorsEnabled: false,
        Verify.Diagnostic("OPTO011").WithLocation(0).WithMessage(
            "This project uses [Traced] but interceptors are not enabled for the Opto.Generated namespace. Add <InterceptorsNamespaces>$(InterceptorsNamespaces);Opto.Generated</InterceptorsNamespaces> to a PropertyGroup of the project file (the Opto.Trace package's build props did not flow: a PrivateAssets or ExcludeAssets setting, or a reference that is not a PackageReference)."));

    [Test]
    public Task OPTO011_not_reported_when_interceptors_are_enabled() => Verify.Analyze(Source.Replace("{|#0:Traced|}", "Traced", StringComparison.Ordinal), interceptorsEnabled: true);

    [Test]
    public Task OPTO011_reported_at_the_first_call_in_a_file_without_attributes() => Verify.Analyze(
        [Source, """
        public static class Caller
        {
            public static string Call(Agent agent) => {|#1:agent.Reply("x")|} + agent.Again("y");
        }
        """],
        interceptorsEnabled: false,
        Verify.Diagnostic("OPTO011").WithLocation(0).WithArguments("Traced"),
        Verify.Diagnostic("OPTO011").WithLocation(1).WithArguments("Traced"));

    [Test]
    public Task OPTO011_not_reported_in_a_project_that_does_not_use_tracing() => Verify.Analyze("""
        public class Plain { public string Reply(string customer) => customer; }
        """, interceptorsEnabled: false);
}
