using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>
/// Emits one interceptor per call that stores glue over traced calls in a framework collection
/// (<c>messages.Add(summary + "!")</c>): it makes the call as written, then, with tracing on, records each stored value as
/// glue over the calls it was made of, so the value links to them wherever the collection is passed on. A StringBuilder's
/// put (<c>prompt.AppendLine("- " + doc)</c>) records the glue first, then is made as the builder's own interceptor makes it.
/// </summary>
internal static class StoreEmitter
{
    private const string ClassName = "StoredGlueInterceptors";
    private const int InterceptorsPerClass = 32;

    public static string Emit(IReadOnlyList<StoreSiteSpec> sites)
    {
        var writer = GlueCallEmitter.OpenFile();
        var first = true;
        for (var start = 0; start < sites.Count; start += InterceptorsPerClass)
        {
            GlueCallEmitter.OpenClass(writer, $"{ClassName}{start / InterceptorsPerClass}", ref first);
            for (var i = start; i < System.Math.Min(start + InterceptorsPerClass, sites.Count); i++)
            {
                if (i > start) writer.Line();
                EmitStore(writer, sites[i], $"{sites[i].MethodName}_{i}");
            }

            writer.Close();
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitStore(SourceWriter writer, StoreSiteSpec site, string name)
    {
        var names = site.Parameters.Select(p => Literals.Identifier(p.Name)).ToList();
        var parameters = string.Join(", ", site.Parameters.Select((p, i) => $"{p.Type} {names[i]}"));
        var call = $"@this.{site.MethodName}({string.Join(", ", names)})";
        var returns = site.ReturnType != "void";

        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({site.LocationVersion}, {Literals.String(site.LocationData)})] // {site.LocationDisplay}");
        writer.Open($"public static {site.ReturnType} {name}(this {site.ReceiverType} @this, {parameters})");
        if (site.BuilderMethod.Length > 0)
        {
            // The glue is recorded first: the builder records a part by the node its value already has.
            writer.Line($"if (global::Opto.TraceScope.Current is null) return {call};");
            EmitStored(writer, site, names);
            writer.Line($"return global::Opto.Interception.TextBuilders.{site.BuilderMethod}(@this, {string.Join(", ", names)});");
            writer.Close();
            return;
        }

        writer.Line(returns ? $"var __stored = {call};" : $"{call};");
        writer.Open("if (global::Opto.TraceScope.Current is not null)");
        EmitStored(writer, site, names);
        writer.Close();
        if (returns) writer.Line("return __stored;");
        writer.Close();
    }

    private static void EmitStored(SourceWriter writer, StoreSiteSpec site, IReadOnlyList<string> names)
    {
        foreach (var value in site.Values)
        {
            var sources = string.Join(", ", value.Sources.Select(Literals.String));
            // A collection expression, not expanded arguments: a params span takes those only from C# 13.
            writer.Line($"global::Opto.Interception.GlueStores.Stored({names[value.Ordinal]}, {Literals.String(site.Name)}, {Literals.String(value.Expression)}, [{sources}]);");
        }
    }
}
