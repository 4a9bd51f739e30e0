using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Code.Isolation;

/// <summary>
/// The program a worker process starts with: a few lines that resolve the host's assemblies from the paths the host
/// sends first, then hand over to <see cref="CodeWorker"/>. It is compiled once per machine and runtime into the temp
/// folder (the library ships no executable), next to a runtime configuration naming the host's shared frameworks.
/// </summary>
internal static class WorkerEntry
{
    public const string FileName = "Opto.CodeWorker.dll";

    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Reflection;
        using System.Runtime.Loader;

        internal static class OptoCodeWorker
        {
            private static int Main(string[] args)
            {
                // The host's assemblies, one path per line, then an empty line.
                var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                string line;
                while (!string.IsNullOrEmpty(line = Console.In.ReadLine())) paths[Path.GetFileNameWithoutExtension(line)] = line;
                AppContext.SetData("OPTO_HOST_ASSEMBLIES", string.Join(Path.PathSeparator.ToString(), paths.Values));
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    name.Name != null && paths.TryGetValue(name.Name, out var path) ? context.LoadFromAssemblyPath(path) : null;
                var opto = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("Opto.Code"));
                var run = opto.GetType("Opto.Code.Isolation.CodeWorker", true).GetMethod("Run", BindingFlags.NonPublic | BindingFlags.Static);
                return (int)run.Invoke(null, new object[] { args });
            }
        }
        """;

    private static readonly Lock s_lock = new();
    private static string? s_path;

    /// <summary>The path of the entry assembly, compiled first if this machine does not have it yet.</summary>
    public static string Ensure()
    {
        lock (s_lock)
        {
            return s_path ??= Create();
        }
    }

    private static string Create()
    {
        var config = RuntimeConfig();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Source + config)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "opto-code-worker", hash);
        var assembly = Path.Combine(folder, FileName);
        if (File.Exists(assembly)) return assembly;

        Directory.CreateDirectory(folder);
        WriteAtomically(Path.ChangeExtension(assembly, ".runtimeconfig.json"), Encoding.UTF8.GetBytes(config));
        WriteAtomically(assembly, Compile());
        return assembly;
    }

    private static byte[] Compile()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { "System.Private.CoreLib.dll", "System.Runtime.dll", "System.Runtime.Loader.dll", "System.Collections.dll", "System.Console.dll" }
            .Select(name => MetadataReference.CreateFromFile(Path.Combine(runtime, name)));
        var compilation = CSharpCompilation.Create(
            "Opto.CodeWorker",
            [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The code worker's entry program does not compile on this runtime: " +
                string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return image.ToArray();
    }

    // The shared frameworks the host runs on, read from where its trusted assemblies live (dotnet/shared/<name>/<version>/).
    private static string RuntimeConfig()
    {
        var frameworks = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetDirectoryName)
            .Where(d => d is not null)
            .Distinct(StringComparer.Ordinal)
            .Select(d => new DirectoryInfo(d!))
            .Where(d => d.Parent?.Parent is { Name: "shared" })
            .Select(d => (Name: d.Parent!.Name, Version: d.Name))
            .Distinct()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        if (frameworks.Count == 0) frameworks.Add(("Microsoft.NETCore.App", Environment.Version.ToString(3)));
        var list = string.Join(",", frameworks.Select(f => $$"""{ "name": "{{f.Name}}", "version": "{{f.Version}}" }"""));
        return $$"""{ "runtimeOptions": { "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}", "frameworks": [ {{list}} ] } }""";
    }

    // Another process may be writing the same file: each writes its own temporary copy and the first move wins.
    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, content);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The <c>dotnet</c> host that runs the worker: the one running this process.</summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var root = runtime.Parent?.Parent?.Parent?.FullName;
        var host = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (host is not null && File.Exists(host)) return host;
        throw new InvalidOperationException(
            $"Found no dotnet host next to the runtime in {runtime.FullName} (a self-contained or single-file app?). " +
            "Isolated code trials start the worker with the dotnet host of a shared-framework installation.");
    }
}
