namespace Opto.Interception;

/// <summary>Whether an assembly that can be unloaded (runtime-compiled code, a test's load context) was ever loaded.</summary>
internal static class CollectibleCode
{
    private static volatile bool s_loaded;

    static CollectibleCode()
    {
        // Subscribed before the scan, so that an assembly loaded in between is seen by one or the other.
        AppDomain.CurrentDomain.AssemblyLoad += static (_, e) =>
        {
            if (e.LoadedAssembly.IsCollectible) s_loaded = true;
        };
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsCollectible) s_loaded = true;
        }
    }

    public static bool Loaded => s_loaded;
}
