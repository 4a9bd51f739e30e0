using Microsoft.CodeAnalysis.CSharp;
using CallSites = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.CallSiteAnalyzer>;
using Declarations = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TracedDeclarationAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>Members of C# 14 extension blocks are named in messages by the static class that declares the block.</summary>
public class ExtensionBlockTests
{
    private const string Declaration = """
        using Opto;

        public static class IntExtensions
        {
            extension(int value)
            {
                [{|#0:Traced|}] public int Doubled() => value * 2;
            }
        }
        """;

    private const string Reason = "members of extension blocks cannot be intercepted yet; use a classic static extension method";

    [Test]
    public Task OPTO001_names_an_extension_block_member_by_its_static_class() => Declarations.AnalyzeAt(LanguageVersion.Preview, [Declaration],
        Declarations.Diagnostic("OPTO001").WithLocation(0).WithArguments("Traced", "'IntExtensions.Doubled'", Reason));

    [Test]
    public Task A_call_from_another_project_names_the_member_by_its_static_class() => CallSites.AnalyzeWithLibrary(
        LanguageVersion.Preview,
        Declaration.Replace("{|#0:Traced|}", "Traced"),
        """
        public static class Use
        {
            public static int Run() => 3.{|#0:Doubled()|};
        }
        """,
        CallSites.Diagnostic("OPTO013").WithLocation(0).WithArguments("IntExtensions.Doubled", $"{Reason} ('IntExtensions.Doubled' is traced in Library, but its calls cannot be, from any project)"));
}
