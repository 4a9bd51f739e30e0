using System.Security;

namespace Trace.EndToEnd.Tests;

/// <summary>Writes the files of a consumer solution outside the repository.</summary>
internal static class ConsumerFiles
{
    /// <summary>A nuget.config that adds the local feed to the sources the machine already has (no <c>&lt;clear/&gt;</c>), so everything else still restores.</summary>
    public static void WriteNuGetConfig(string root, string feed) => Write(root, "nuget.config", $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="opto-trace-e2e" value="{SecurityElement.Escape(feed)}" />
          </packageSources>
        </configuration>
        """);

    /// <summary>Writes a file with LF line endings, creating its folder.</summary>
    public static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
    }
}
