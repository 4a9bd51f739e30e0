using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>Emits <c>TrainableParameters()</c> for each type with trainable members, in the type's own namespace.</summary>
internal static class ExtensionsEmitter
{
    public static string Emit(IReadOnlyList<TrainableMemberSpec> members)
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Header.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS0612, CS0618 // A type may be obsolete; using its parameters is the user's call.");
        var suppressions = members.SelectMany(m => m.TypeContext.Suppressions).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        if (suppressions.Count > 0)
        {
            writer.Line($"#pragma warning disable {string.Join(", ", suppressions)} // Experimental and preview types: the user's uses are checked where they are written.");
        }

        foreach (var ns in members.Where(m => !m.ContainingTypeIsStatic).GroupBy(m => m.Namespace).OrderBy(g => g.Key ?? "", System.StringComparer.Ordinal))
        {
            writer.Line();
            if (ns.Key is not null) writer.Open($"namespace {ns.Key}");
            var first = true;
            foreach (var type in ns.GroupBy(m => m.ContainingType))
            {
                if (!first) writer.Line();
                first = false;
                var spec = type.First();
                var accessibility = spec.ContainingTypeIsPublic ? "public" : "internal";
                var cref = type.Key.Replace("global::", "").Replace('<', '{').Replace('>', '}');
                writer.Line($"/// <summary>The trainable parameters of <see cref=\"{cref}\"/>.</summary>");
                writer.Line(Literals.GeneratedCode);
                writer.Line(Literals.NonUserCode);
                writer.Open($"{accessibility} static class {spec.ContainingTypeName}Trainables");
                writer.Line("/// <summary>The object's trainable fields and properties (its base types' included), as parameters an optimizer can read and write.</summary>");
                writer.Line("/// <param name=\"self\">The object.</param>");
                // Only a type obsolete with error: true needs it: the method could not name the type otherwise.
                if (spec.TypeContext.ObsoleteError) writer.Line(Literals.Obsolete);
                writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<global::Opto.ParameterNode> TrainableParameters(this {type.Key} self) =>");
                writer.Line("    global::Opto.Interception.TrainableRegistry.ParametersOf(self);");
                writer.Close();
            }

            if (ns.Key is not null) writer.Close();
        }

        return writer.ToString();
    }
}
