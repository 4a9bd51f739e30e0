using System.Reflection;
using System.Runtime.Loader;

namespace Opto.Code.Compiling;

/// <summary>
/// A collectible load context holding one compiled replacement. Its dependencies (the user's assemblies, the
/// framework) resolve from the default context; once unloaded and no call runs it any more, it is collected.
/// </summary>
internal sealed class PatchLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
