using System.Collections.Concurrent;
using System.Diagnostics;

namespace Opto.Code;

/// <summary>Finds where in replacement code an exception was thrown, as a line of the code the model wrote.</summary>
internal static class PatchLocations
{
    private const int Kept = 512;
    private static readonly ConcurrentDictionary<string, (string Parameter, Func<int, int> ToCodeLine, string Code, long Order)> s_patches = new(StringComparer.Ordinal);
    private static long s_order;

    public static void Register(string path, string parameter, Func<int, int> toCodeLine, string code)
    {
        s_patches[path] = (parameter, toCodeLine, code, Interlocked.Increment(ref s_order));
        ExceptionLocations.Use(Describe);
        if (s_patches.Count <= Kept) return;
        foreach (var oldest in s_patches.OrderBy(p => p.Value.Order).Take(s_patches.Count - Kept)) s_patches.TryRemove(oldest.Key, out _);
    }

    /// <summary>"line 4 of the replacement code of Sorter.Sort: `return values[9];`", or <see langword="null"/> when the exception did not pass through replacement code.</summary>
    public static string? Describe(Exception exception)
    {
        if (s_patches.IsEmpty) return null;
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetFileName() is not { } file || !s_patches.TryGetValue(file, out var patch) || frame.GetFileLineNumber() <= 0) continue;
            var line = patch.ToCodeLine(frame.GetFileLineNumber() - 1);
            var lines = Microsoft.CodeAnalysis.Text.SourceText.From(patch.Code).Lines.Select(l => l.ToString()).ToArray();
            var text = line >= 0 && line < lines.Length ? lines[line].Trim() : "";
            // The runtime places a fault of the code's own instructions (an index, a division, a dereference, a cast)
            // at the last call before it, not at its own line: such an exception is placed at that line or after it.
            return exception is IndexOutOfRangeException or NullReferenceException or DivideByZeroException or OverflowException or InvalidCastException or ArrayTypeMismatchException
                ? $"at line {line + 1} or a later line of the replacement code of {patch.Parameter} (line {line + 1}: `{text}`)"
                : $"at line {line + 1} of the replacement code of {patch.Parameter}: `{text}`";
        }

        return null;
    }
}
