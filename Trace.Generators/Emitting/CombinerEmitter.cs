using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>
/// Emits one interceptor per call of a text combiner (<c>string.Join</c>, <c>string.Concat</c> over parts): off, it calls
/// the combiner; on, it also links the text to the traced calls that made its parts.
/// </summary>
internal static class CombinerEmitter
{
    private const string InterceptorClass = "GlueCallInterceptors";
    private const int InterceptorsPerClass = 32;

    public static string Emit(IReadOnlyList<CombinerSiteSpec> sites)
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Header.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS1591 // Interceptors are not part of any public API.");
        writer.Line();
        InterceptsLocationDeclaration.Write(writer);
        writer.Line();
        writer.Open("namespace Opto.Generated");
        for (var start = 0; start < sites.Count; start += InterceptorsPerClass)
        {
            if (start > 0) writer.Line();
            writer.Line(Literals.GeneratedCode);
            writer.Line(Literals.NonUserCode);
            writer.Line("[global::System.Diagnostics.StackTraceHidden]");
            writer.Open($"file static class {InterceptorClass}{start / InterceptorsPerClass}");
            for (var i = start; i < System.Math.Min(start + InterceptorsPerClass, sites.Count); i++)
            {
                if (i > start) writer.Line();
                EmitInterceptor(writer, sites[i], $"{sites[i].MethodName}_{i}");
            }

            writer.Close();
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitInterceptor(SourceWriter writer, CombinerSiteSpec site, string name)
    {
        var names = site.ParameterTypes.Count == 1 ? new[] { "parts" } : ["separator", "parts"];
        // A params span is implicitly scoped, and an interceptor's parameters must be declared as the method's are.
        var parameters = string.Join(", ", site.ParameterTypes.Select((type, i) => $"{(i == site.PartsIndex && site.PartsAreSpan ? "scoped " : "")}{type} {names[i]}"));
        var arguments = string.Join(", ", names);
        var combiner = $"string.{site.MethodName}{site.TypeParameters}";

        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({site.LocationVersion}, {Literals.String(site.LocationData)})] // {site.LocationDisplay}");
        // Tiny, so the JIT inlines it into the call site: with tracing off, the cost is one check.
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line($"public static string {name}{site.TypeParameters}({parameters}) =>");
        writer.Line($"    global::Opto.TraceScope.Current is null ? {combiner}({arguments}) : __{name}Linked{site.TypeParameters}({arguments});");
        writer.Line();

        var separator = site.StringSeparator ? "separator" : "null";
        var recorder = site.MethodName == "Join" ? "Joined" : "Concatenated";
        var linkArguments = site.MethodName == "Join" ? $"parts, {separator}" : "parts";
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        writer.Open($"private static string __{name}Linked{site.TypeParameters}({parameters})");
        // A lazy sequence is enumerated once, for the text and its links alike.
        if (site.PartsAreSequence) writer.Line("parts = global::Opto.Interception.GlueCalls.Held(parts)!;");
        writer.Line($"return global::Opto.Interception.GlueCalls.{recorder}({combiner}({arguments}), {linkArguments}, {Literals.String(site.Expression)});");
        writer.Close();
    }
}
