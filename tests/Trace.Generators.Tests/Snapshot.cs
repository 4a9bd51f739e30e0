using System.Runtime.CompilerServices;

namespace Trace.Generators.Tests;

/// <summary>
/// Compares generated code with a checked-in <c>Snapshots/Name.verified.cs</c>; on a mismatch writes
/// <c>Name.received.cs</c> beside it (Verify's naming) so the difference can be reviewed and accepted by renaming.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"Generated code differs from {verified}. Review {received} and rename it to .verified.cs to accept it."
            : $"No snapshot {verified} yet. Review {received} and rename it to .verified.cs to accept it.");
    }
}
