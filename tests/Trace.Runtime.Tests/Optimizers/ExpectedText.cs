using System.Runtime.CompilerServices;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// Compares text with a checked-in file under Expected/. On a mismatch it writes the actual text beside it as
/// <c>*.received.txt</c> so the difference can be reviewed and, if right, copied over the expected file.
/// </summary>
internal static class ExpectedText
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Expected");
        var expectedPath = Path.Combine(folder, name + ".txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"No expected text {expectedPath}; the actual text is in {receivedPath}."
            : $"The text differs from {expectedPath}; the actual text is in {receivedPath}.");
    }
}
