using Microsoft.CodeAnalysis;
using Opto.Generators.Parsing;

namespace Trace.Generators.Tests;

/// <summary>The syntactic check that spares binding attributes which cannot be [Trainable].</summary>
public class AttributeNamesTests
{
    [TestCase("[Traced] public string M() => \"\";", false)]
    [TestCase("public string M() => \"\";", false)]
    [TestCase("[Trainable] public string M() => \"\";", true)]
    [TestCase("[Opto.TrainableAttribute] public string M() => \"\";", true)]
    [TestCase("[global::Opto.Trainable(\"x\")] public string M() => \"\";", true)]
    [TestCase("[System.Obsolete, Trainable] public string M() => \"\";", true)]
    public void A_member_may_carry_the_attribute_only_when_one_of_its_attributes_has_the_name(string member, bool may)
    {
        var (symbol, compilation) = Member($"using Opto; namespace N; public class C {{ {member} }}");
        var aliases = AttributeNames.AliasesInScope(symbol.DeclaringSyntaxReferences[0].SyntaxTree, compilation, default);

        Assert.That(aliases, Is.False);
        Assert.That(AttributeNames.MayInclude(symbol, "Trainable", compilation, default), Is.EqualTo(may));
        Assert.That(symbol.HasAttribute(Symbols.TrainableAttribute), may ? Is.True : Is.False, "the compiler agrees");
    }

    [TestCase("using Tr = Opto.TrainableAttribute; namespace N; public class C { [Tr] public string M() => \"\"; }")]
    [TestCase("namespace N { using Tr = Opto.TrainableAttribute; public class C { [Tr] public string M() => \"\"; } }")]
    public void An_alias_in_the_file_makes_every_attribute_a_candidate(string source)
    {
        var (symbol, compilation) = Member(source);

        Assert.That(AttributeNames.AliasesInScope(symbol.DeclaringSyntaxReferences[0].SyntaxTree, compilation, default), Is.True);
        Assert.That(AttributeNames.MayInclude(symbol, "Trainable", compilation, default), Is.True);
        Assert.That(symbol.HasAttribute(Symbols.TrainableAttribute), Is.True);
    }

    [Test]
    public void A_global_alias_in_another_file_is_in_scope_everywhere()
    {
        var compilation = GeneratorHarness.Compile("Aliases", null, "global using Tr = Opto.TrainableAttribute;", "namespace N; public class C { [Tr] public string M() => \"\"; }");
        var tree = compilation.SyntaxTrees.Last();

        Assert.That(AttributeNames.AliasesInScope(tree, compilation, default), Is.True);
    }

    [Test]
    public void A_member_of_another_part_of_a_class_is_read_with_the_aliases_of_its_own_file()
    {
        var compilation = GeneratorHarness.Compile("Parts", null,
            "namespace N; public partial class C { public string Name { get; set; } = \"\"; }",
            "using Tr = Opto.TrainableAttribute; namespace N; public partial class C { [Tr] public string M() => \"\"; }");
        var symbol = compilation.GetTypeByMetadataName("N.C")!.GetMembers("M").Single();

        Assert.That(AttributeNames.AliasesInScope(compilation.SyntaxTrees.First(), compilation, default), Is.False, "the class's first part sees no alias");
        Assert.That(AttributeNames.MayInclude(symbol, "Trainable", compilation, default), Is.True);
        Assert.That(symbol.HasAttribute(Symbols.TrainableAttribute), Is.True);
    }

    private static (ISymbol Symbol, Compilation Compilation) Member(string source)
    {
        var compilation = GeneratorHarness.Compile("Names", null, source);
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        return (compilation.GetTypeByMetadataName("N.C")!.GetMembers("M").Single(), compilation);
    }
}
