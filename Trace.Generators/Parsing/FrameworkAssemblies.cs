namespace Opto.Generators.Parsing;

/// <summary>The assemblies of the framework, and Opto's own: they hold no interceptor, and no code of the program's.</summary>
internal static class FrameworkAssemblies
{
    /// <summary>Whether the assembly named <paramref name="name"/> is one of them.</summary>
    public static bool Contains(string name) =>
        name is "Opto" or "mscorlib" or "netstandard" || name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal)
        || name.StartsWith("Microsoft.", System.StringComparison.Ordinal);
}
