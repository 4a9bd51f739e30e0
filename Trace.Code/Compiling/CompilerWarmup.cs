using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Code.Compiling;

/// <summary>
/// The first compile against an assembly also loads the compiler, has the JIT compile it and reads the assembly's
/// references: seconds on a busy machine, none of them the suggestion's. That is done once, before the first suggestion's
/// time limit starts, by compiling a trivial class against the same references; a suggestion's limit then measures its own
/// compile only.
/// </summary>
internal static class CompilerWarmup
{
    private const string Source = "internal static class OptoCompilerWarmup { internal static int Length(string text) => text.Length + 1; }";

    private static readonly ConcurrentDictionary<Assembly, Lazy<bool>> s_done = new();

    /// <summary>Warms the compiler for <paramref name="assembly"/> once; later calls, and calls made while it runs, wait for that one.</summary>
    public static void Ensure(Assembly assembly, CSharpCompilation empty, CSharpParseOptions parse) =>
        _ = s_done.GetOrAdd(assembly, _ => new Lazy<bool>(() => Run(empty, parse))).Value;

    private static bool Run(CSharpCompilation empty, CSharpParseOptions parse)
    {
        // Best effort: whatever goes wrong here goes wrong again, and is reported, in the suggestion's own compile.
        try
        {
            empty.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source, parse)).Emit(Stream.Null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return false;
        }

        return true;
    }
}
