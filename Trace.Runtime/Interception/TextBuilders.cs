using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace Opto.Interception;

/// <summary>
/// Links the text a <see cref="StringBuilder"/> made to the traced calls whose results were put into it: <c>Append</c>,
/// <c>AppendLine</c> and <c>Insert</c> of a value record its node, and <c>ToString()</c> makes the text wait as a
/// <see cref="GlueNode"/> over the parts it still holds (the call as written is its operator), linked wherever the text is
/// passed on, as a combiner's is (<see cref="GlueCalls"/>). Each method does what the builder's own does and returns what
/// it returns. Called by generated code when tracing is on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TextBuilders
{
    // With the builder, for as long as it lives: no table per scope, and nothing kept once the builder is gone.
    private static readonly ConditionalWeakTable<StringBuilder, BuilderParts> s_parts = new();

    /// <summary><see cref="StringBuilder.Append(string)"/>, recording <paramref name="value"/> as a part.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="value">What is appended.</param>
    public static StringBuilder Append(StringBuilder builder, string? value)
    {
        var at = builder.Length;
        builder.Append(value);
        Record(builder, value, at, value?.Length ?? 0, emptyBefore: at == 0);
        return builder;
    }

    /// <summary><see cref="StringBuilder.Append(object)"/>, recording <paramref name="value"/> as a part.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="value">What is appended (its text is what <c>ToString()</c> returned).</param>
    public static StringBuilder Append(StringBuilder builder, object? value)
    {
        var at = builder.Length;
        builder.Append(value);
        Record(builder, value, at, builder.Length - at, emptyBefore: at == 0);
        return builder;
    }

    /// <summary><see cref="StringBuilder.AppendLine(string)"/>, recording <paramref name="value"/> as a part.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="value">What is appended before the line terminator.</param>
    public static StringBuilder AppendLine(StringBuilder builder, string? value)
    {
        var at = builder.Length;
        builder.AppendLine(value);
        Record(builder, value, at, value?.Length ?? 0, emptyBefore: at == 0);
        return builder;
    }

    /// <summary><see cref="StringBuilder.Insert(int, string)"/>, recording <paramref name="value"/> as a part.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="index">Where it is inserted.</param>
    /// <param name="value">What is inserted.</param>
    public static StringBuilder Insert(StringBuilder builder, int index, string? value)
    {
        var empty = builder.Length == 0;
        builder.Insert(index, value);
        Record(builder, value, index, value?.Length ?? 0, empty);
        return builder;
    }

    /// <summary><see cref="StringBuilder.Insert(int, object)"/>, recording <paramref name="value"/> as a part.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="index">Where it is inserted.</param>
    /// <param name="value">What is inserted (its text is what <c>ToString()</c> returned).</param>
    public static StringBuilder Insert(StringBuilder builder, int index, object? value)
    {
        var before = builder.Length;
        builder.Insert(index, value);
        Record(builder, value, index, builder.Length - before, emptyBefore: before == 0);
        return builder;
    }

    /// <summary>
    /// Records the parts <see cref="StringBuilder.AppendJoin{T}(string, IEnumerable{T})"/> appended from
    /// <paramref name="at"/>: each string among them, and a string separator, found anywhere in the builder's text when it is made.
    /// </summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="builder">The builder, after the parts were appended.</param>
    /// <param name="at">Its length before.</param>
    /// <param name="parts">The parts it was given (after <see cref="GlueCalls.Held{T}"/>).</param>
    /// <param name="separator">A string separator; null for a character.</param>
    public static StringBuilder AppendedJoin<T>(StringBuilder builder, int at, IEnumerable<T>? parts, string? separator)
    {
        if (parts is null) return builder;
        var first = true;
        foreach (var part in GlueCalls.AsRead(parts)) RecordJoined(builder, part as string, at, ref first);
        RecordJoined(builder, separator, at, ref first);
        return builder;
    }

    /// <inheritdoc cref="AppendedJoin{T}(StringBuilder, int, IEnumerable{T}, string)"/>
    public static StringBuilder AppendedJoin<T>(StringBuilder builder, int at, ReadOnlySpan<T> parts, string? separator)
    {
        var first = true;
        foreach (var part in parts) RecordJoined(builder, part as string, at, ref first);
        RecordJoined(builder, separator, at, ref first);
        return builder;
    }

    /// <summary>
    /// <see cref="StringBuilder.ToString()"/>: the text, waiting as glue over the parts it still holds when one of them
    /// came from a traced call.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The base name of the glue node (the builder's, as written).</param>
    /// <param name="expression">The call as written.</param>
    public static string Built(StringBuilder builder, string name, string expression)
    {
        var text = builder.ToString();
        if (text.Length != 0 && TraceScope.Current is { } scope && s_parts.TryGetValue(builder, out var parts) && parts.StillIn(scope.Graph, text) is { } parents)
        {
            scope.Graph.AddCombined(text, parents, NameKey.For(name), expression);
        }

        return text;
    }

    /// <summary>
    /// Records the text a traced call appended to <paramref name="builder"/> it was given, from <paramref name="at"/> to its
    /// end, as a part <paramref name="node"/>, the call's node, made.
    /// </summary>
    internal static void MadeBy(StringBuilder builder, TraceGraph graph, Node node, int at) =>
        s_parts.GetValue(builder, static _ => new BuilderParts()).Add(graph, node, builder.ToString(at, builder.Length - at), at, emptyBefore: at == 0);

    // A part of a join, whose place is not kept (each is found in the text); the first one recorded starts an emptied builder again.
    private static void RecordJoined(StringBuilder builder, string? part, int at, ref bool first)
    {
        if (Record(builder, part, BuilderParts.Anywhere, part?.Length ?? 0, first && at == 0)) first = false;
    }

    // Records what a traced call made (or an input of the graph) as a part of the builder, put at `at`: a string as itself,
    // another object by the `length` characters it put there, read only then. False when there is nothing to link.
    private static bool Record(StringBuilder builder, object? value, int at, int length, bool emptyBefore)
    {
        if (!TraceGraph.HasIdentity(value) || length == 0 || TraceScope.Current is not { } scope) return false;
        scope.Graph.PendingCalls.SettleCompleted();
        if (scope.Graph.Known(value) is not { } node) return false;
        var text = value as string ?? builder.ToString(at, length);
        s_parts.GetValue(builder, static _ => new BuilderParts()).Add(scope.Graph, node, text, at, emptyBefore);
        return true;
    }
}
