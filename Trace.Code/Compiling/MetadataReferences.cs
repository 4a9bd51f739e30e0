using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Opto.Code.Compiling;

/// <summary>
/// The assemblies replacement code compiles against: the application's trusted platform assemblies (the framework,
/// the app's own assemblies and its packages), anything else loaded in the default context from a file, and in a code
/// worker process the assemblies of the host it works for.
/// References are cached by path, so only the first compile pays for reading metadata.
/// </summary>
internal static class MetadataReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> s_byPath = new(StringComparer.Ordinal);

    public static IReadOnlyList<MetadataReference> For(Assembly userAssembly)
    {
        if (string.IsNullOrEmpty(userAssembly.Location))
        {
            throw new InvalidOperationException(
                $"{userAssembly.GetName().Name} has no file location (single-file publish or an in-memory assembly), so replacement code cannot be compiled against it. " +
                "Run from a normal build output to train code.");
        }

        var references = new List<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in AssemblyFiles().Append(userAssembly.Location))
        {
            if (!seen.Add(Path.GetFileNameWithoutExtension(path))) continue;
            references.Add(s_byPath.GetOrAdd(path, static p => MetadataReference.CreateFromFile(p)));
        }

        return references;
    }

    /// <summary>
    /// The files of the assemblies this process can load: its trusted platform assemblies, in a code worker those of
    /// the host it works for, and everything loaded in the default context from a file.
    /// </summary>
    public static IEnumerable<string> AssemblyFiles() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat((AppContext.GetData("OPTO_HOST_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Concat(System.Runtime.Loader.AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location)).Select(a => a.Location))
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal);
}
