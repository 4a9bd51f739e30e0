using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>Emits <c>TrainableParameters()</c> for each type that has trainable members or holds objects that have them, in the type's own namespace.</summary>
internal static class ExtensionsEmitter
{
    public static string Emit(IReadOnlyList<ParameterOwnerSpec> owners)
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Header.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS0612, CS0618 // A type may be obsolete; using its parameters is the user's call.");
        var suppressions = owners.SelectMany(o => o.TypeContext.Suppressions).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        if (suppressions.Count > 0)
        {
            writer.Line($"#pragma warning disable {string.Join(", ", suppressions)} // Experimental and preview types: the user's uses are checked where they are written.");
        }

        foreach (var ns in owners.GroupBy(o => o.Namespace).OrderBy(g => g.Key ?? "", System.StringComparer.Ordinal))
        {
            writer.Line();
            if (ns.Key is not null) writer.Open($"namespace {ns.Key}");
            var first = true;
            foreach (var owner in ns)
            {
                if (!first) writer.Line();
                first = false;
                var accessibility = owner.IsPublic ? "public" : "internal";
                var cref = owner.Type.Replace("global::", "").Replace('<', '{').Replace('>', '}');
                writer.Line($"/// <summary>The trainable parameters of <see cref=\"{cref}\"/>.</summary>");
                writer.Line(Literals.GeneratedCode);
                writer.Line(Literals.NonUserCode);
                writer.Open($"{accessibility} static class {owner.TypeName}Trainables");
                writer.Line("/// <summary>");
                writer.Line("/// The object's trainable fields and properties (its base types' included) and, recursively, those of the objects it holds,");
                writer.Line("/// as parameters an optimizer can read and write, each named by its path from the object (such as <c>Agent.Tools[2].Description</c>).");
                writer.Line("/// </summary>");
                writer.Line("/// <param name=\"self\">The object.</param>");
                writer.Line("/// <param name=\"name\">The first segment of every path; by default the name of the type that declares the member.</param>");
                // Only a type obsolete with error: true needs it: the method could not name the type otherwise.
                if (owner.TypeContext.ObsoleteError) writer.Line(Literals.Obsolete);
                writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<global::Opto.ParameterNode> TrainableParameters(this {owner.Type} self, string? name = null) =>");
                writer.Line("    global::Opto.Interception.TrainableRegistry.ParametersOf(self, name);");
                writer.Close();
            }

            if (ns.Key is not null) writer.Close();
        }

        return writer.ToString();
    }
}
