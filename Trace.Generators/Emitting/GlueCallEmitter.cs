using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;
using Opto.Generators.Parsing;

namespace Opto.Generators.Emitting;

/// <summary>
/// Emits the interceptors of the framework calls the runtime links as glue: one per call of a text combiner
/// (<c>string.Join</c>, <c>string.Concat</c> over parts), one per <c>StringBuilder.ToString()</c>, one per kind of
/// call that puts text into a builder, shared by all such calls, and one per LINQ pick of a text. Off, each calls the
/// framework's member; on, it also records what links the text to the traced calls that made its parts, or that made it.
/// </summary>
internal static class GlueCallEmitter
{
    private const string CombinerClass = "GlueCallInterceptors";
    private const string BuilderClass = "TextBuilderInterceptors";
    private const string PickerClass = "PickerInterceptors";
    private const int InterceptorsPerClass = 32;
    private const string Builder = "global::System.Text.StringBuilder";
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    public static string Emit(IReadOnlyList<CombinerSiteSpec> combiners, IReadOnlyList<BuilderSiteSpec> builders, IReadOnlyList<PickerSiteSpec> pickers)
    {
        var writer = OpenFile();
        var first = true;
        for (var start = 0; start < combiners.Count; start += InterceptorsPerClass)
        {
            OpenClass(writer, $"{CombinerClass}{start / InterceptorsPerClass}", ref first);
            for (var i = start; i < System.Math.Min(start + InterceptorsPerClass, combiners.Count); i++)
            {
                if (i > start) writer.Line();
                EmitCombiner(writer, combiners[i], $"{combiners[i].MethodName}_{i}");
            }

            writer.Close();
        }

        var built = builders.Where(b => b.Kind == TextBuilderCalls.Kind.Built).ToList();
        var puts = builders.Where(b => b.Kind != TextBuilderCalls.Kind.Built).GroupBy(b => b.Kind).OrderBy(g => g.Key).ToList();
        for (var start = 0; start < System.Math.Max(built.Count, puts.Count > 0 ? 1 : 0); start += InterceptorsPerClass)
        {
            OpenClass(writer, $"{BuilderClass}{start / InterceptorsPerClass}", ref first);
            var separate = false;
            if (start == 0)
            {
                foreach (var kind in puts)
                {
                    if (separate) writer.Line();
                    EmitPut(writer, kind.Key, [.. kind]);
                    separate = true;
                }
            }

            for (var i = start; i < System.Math.Min(start + InterceptorsPerClass, built.Count); i++)
            {
                if (separate) writer.Line();
                EmitBuilt(writer, built[i], $"ToString_{i}");
                separate = true;
            }

            writer.Close();
        }

        for (var start = 0; start < pickers.Count; start += InterceptorsPerClass)
        {
            OpenClass(writer, $"{PickerClass}{start / InterceptorsPerClass}", ref first);
            for (var i = start; i < System.Math.Min(start + InterceptorsPerClass, pickers.Count); i++)
            {
                if (i > start) writer.Line();
                EmitPicker(writer, pickers[i], $"{pickers[i].MethodName}_{i}");
            }

            writer.Close();
        }

        writer.Close();
        return writer.ToString();
    }

    /// <summary>A file of interceptors of framework calls, opened at its namespace.</summary>
    internal static SourceWriter OpenFile()
    {
        var writer = new SourceWriter();
        writer.Line(Literals.Header.TrimEnd('\n'));
        writer.Line("#pragma warning disable CS1591 // Interceptors are not part of any public API.");
        writer.Line();
        InterceptsLocationDeclaration.Write(writer);
        writer.Line();
        writer.Open("namespace Opto.Generated");
        return writer;
    }

    /// <summary>Opens a class of interceptors, after a blank line unless it is the file's first.</summary>
    internal static void OpenClass(SourceWriter writer, string name, ref bool first)
    {
        if (!first) writer.Line();
        first = false;
        writer.Line(Literals.GeneratedCode);
        writer.Line(Literals.NonUserCode);
        writer.Line("[global::System.Diagnostics.StackTraceHidden]");
        writer.Open($"file static class {name}");
    }

    private static void WriteLocation(SourceWriter writer, int version, string data, string display) =>
        writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({version}, {Literals.String(data)})] // {display}");

    private static void EmitCombiner(SourceWriter writer, CombinerSiteSpec site, string name)
    {
        var names = site.ParameterTypes.Count == 1 ? new[] { "parts" } : ["separator", "parts"];
        // A params span is implicitly scoped, and an interceptor's parameters must be declared as the method's are.
        var parameters = string.Join(", ", site.ParameterTypes.Select((type, i) => $"{(i == site.PartsIndex && site.PartsAreSpan ? "scoped " : "")}{type} {names[i]}"));
        var arguments = string.Join(", ", names);
        var onBuilder = site.MethodName == "AppendJoin";
        var combiner = onBuilder ? $"builder.AppendJoin{site.TypeParameters}" : $"string.{site.MethodName}{site.TypeParameters}";
        var returned = onBuilder ? Builder : "string";
        var linkedParameters = onBuilder ? $"{Builder} builder, {parameters}" : parameters;
        var passed = onBuilder ? "builder, " + arguments : arguments;

        WriteLocation(writer, site.LocationVersion, site.LocationData, site.LocationDisplay);
        // Tiny, so the JIT inlines it into the call site: with tracing off, the cost is one check.
        writer.Line(Inline);
        writer.Line($"public static {returned} {name}{site.TypeParameters}({(onBuilder ? "this " : "")}{linkedParameters}) =>");
        writer.Line($"    global::Opto.TraceScope.Current is null ? {combiner}({arguments}) : __{name}Linked{site.TypeParameters}({passed});");
        writer.Line();

        var separator = site.StringSeparator ? "separator" : "null";
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
        writer.Open($"private static {returned} __{name}Linked{site.TypeParameters}({linkedParameters})");
        // A lazy sequence is enumerated once, for the text and its links alike.
        if (site.PartsAreSequence) writer.Line("parts = global::Opto.Interception.GlueCalls.Held(parts)!;");
        if (onBuilder)
        {
            // Its parts are the builder's, found in its text when the text is made.
            writer.Line("var at = builder.Length;");
            writer.Line($"{combiner}({arguments});");
            writer.Line($"return global::Opto.Interception.TextBuilders.AppendedJoin(builder, at, parts, {separator});");
        }
        else
        {
            var recorder = site.MethodName == "Join" ? "Joined" : "Concatenated";
            var linkArguments = site.MethodName == "Join" ? $"parts, {separator}" : "parts";
            // A producer of glue also leaves the text's node where glue made from the text finds it: the slot of its location.
            var slot = site.LeavesSlot ? ", " + Literals.String(site.LocationData) : "";
            writer.Line($"return global::Opto.Interception.GlueCalls.{recorder}({combiner}({arguments}), {linkArguments}, {Literals.String(site.Expression)}{slot});");
        }

        writer.Close();
    }

    // The framework's method, then, with tracing on, the picked text's node left in the slot of the call's location.
    private static void EmitPicker(SourceWriter writer, PickerSiteSpec site, string name)
    {
        var parameters = string.Join(", ", site.ParameterTypes.Zip(site.ParameterNames, (type, name) => type + " " + name));
        var arguments = string.Join(", ", site.ParameterNames);
        var picked = $"global::System.Linq.Enumerable.{site.MethodName}{site.TypeParameters}({arguments})";
        WriteLocation(writer, site.LocationVersion, site.LocationData, site.LocationDisplay);
        writer.Line(Inline);
        writer.Line($"public static {site.ReturnType} {name}{site.TypeParameters}(this {parameters}) =>");
        writer.Line($"    global::Opto.TraceScope.Current is null ? {picked} : global::Opto.Interception.GlueCalls.Picked({picked}, {Literals.String(site.LocationData)});");
    }

    // Every call of one kind shares one interceptor: what it records needs nothing of the call site.
    private static void EmitPut(SourceWriter writer, TextBuilderCalls.Kind kind, IReadOnlyList<BuilderSiteSpec> sites)
    {
        var (method, parameters, arguments) = kind switch
        {
            TextBuilderCalls.Kind.AppendText => ("Append", "string? value", "value"),
            TextBuilderCalls.Kind.AppendObject => ("Append", "object? value", "value"),
            TextBuilderCalls.Kind.AppendLine => ("AppendLine", "string? value", "value"),
            TextBuilderCalls.Kind.InsertText => ("Insert", "int index, string? value", "index, value"),
            _ => ("Insert", "int index, object? value", "index, value"),
        };
        foreach (var site in sites) WriteLocation(writer, site.LocationVersion, site.LocationData, site.LocationDisplay);
        writer.Line(Inline);
        writer.Line($"public static {Builder} {kind}(this {Builder} builder, {parameters}) =>");
        writer.Line($"    global::Opto.TraceScope.Current is null ? builder.{method}({arguments}) : global::Opto.Interception.TextBuilders.{method}(builder, {arguments});");
    }

    private static void EmitBuilt(SourceWriter writer, BuilderSiteSpec site, string name)
    {
        WriteLocation(writer, site.LocationVersion, site.LocationData, site.LocationDisplay);
        writer.Line(Inline);
        writer.Line($"public static string {name}(this {Builder} builder) =>");
        writer.Line($"    global::Opto.TraceScope.Current is null ? builder.ToString() : global::Opto.Interception.TextBuilders.Built(builder, {Literals.String(site.Name)}, {Literals.String(site.Expression)});");
    }
}
