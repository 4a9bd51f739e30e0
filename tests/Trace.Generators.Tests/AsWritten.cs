namespace Trace.Generators.Tests;

/// <summary>
/// Compiles a class <c>Lib</c> with the generator, runs one of its methods untraced and then traced in a scope, and says
/// whether the traced run returned what the untraced one did ("as written"), followed by the shape of the graph it recorded.
/// </summary>
internal static class AsWritten
{
    /// <param name="name">Names the compiled assembly.</param>
    /// <param name="library">The source up to inside <c>public class Lib</c>, left open.</param>
    /// <param name="entry">The method of <c>Lib</c> to run, written out; it takes a string and returns one.</param>
    /// <param name="entryName">Its name.</param>
    public static string Run(string name, string library, string entry, string entryName)
    {
        var source = library + "\n    " + entry + "\n}\n" +
            $"public static class P {{ public static string Run() {{ var plain = new Lib().{entryName}(new string('a', 4)); using var s = TraceScope.Begin(); " +
            $"var traced = new Lib().{entryName}(new string('a', 4)); return (traced == plain ? \"as written\" : \"differs: \" + traced + \" / \" + plain) + \" | \" + Graphs.Shape(s); }} }}";
        return GenericInterceptorTests.Run(name, source, out _);
    }
}
