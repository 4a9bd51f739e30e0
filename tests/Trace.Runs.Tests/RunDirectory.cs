namespace Trace.Runs.Tests;

/// <summary>A fresh directory under the system's temporary folder, deleted at the end.</summary>
internal sealed class RunDirectory : IDisposable
{
    public RunDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opto-runs-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still be closing its files; the folder is temporary anyway
        }
    }
}
