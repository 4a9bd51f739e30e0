using System.Diagnostics;
using System.Text;

namespace Trace.EndToEnd.Tests;

/// <summary>The outcome of a finished child process: its exit code and everything it wrote.</summary>
internal sealed record ProcessResult(string Command, string WorkingDirectory, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code and its full output, for assertion messages.</summary>
    public string Describe() =>
        $"""
        > {Command}
          (in {WorkingDirectory}; exit code {ExitCode}; {Elapsed.TotalSeconds:F1} s)
        ---- stdout ----
        {StandardOutput}
        ---- stderr ----
        {StandardError}
        ----------------
        """;
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a timeout, capturing stdout and stderr.</summary>
internal static class ProcessRunner
{
    /// <summary>How long any one command may take before it is killed (with its whole process tree).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The <c>dotnet</c> host running these tests (the SDK's muxer), or <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">The child's current directory (it decides global.json, nuget.config and Directory.*.props lookup).</param>
    /// <param name="arguments">The arguments, each passed as is (no shell quoting involved).</param>
    /// <param name="environment">Extra environment variables for the child; a null value removes the variable.</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when null.</param>
    public static ProcessResult Dotnet(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);

        // The test host inherits MSBuild's environment from `dotnet test` (MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...);
        // a child build must start from a clean slate, exactly as a user's shell would.
        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // Persistent MSBuild nodes and the compiler server would outlive the command and hold its output pipes open.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null) info.Environment.Remove(name);
                else info.Environment[name] = value;
            }
        }

        var command = $"dotnet {string.Join(' ', info.ArgumentList.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            // Completes when the process has exited and both redirected streams have reached their end.
            process.WaitForExitAsync(cancellation.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }

            process.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.Fail($"Timed out after {limit.TotalMinutes:F0} min and killed:\n" +
                new ProcessResult(command, workingDirectory, -1, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed).Describe());
        }

        return new ProcessResult(command, workingDirectory, process.ExitCode, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed);
    }

    /// <summary>Runs <c>dotnet</c> and fails the test, showing the whole output, unless it exits with 0.</summary>
    public static ProcessResult DotnetSucceeds(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var result = Dotnet(workingDirectory, arguments, environment, timeout);
        if (result.ExitCode != 0) Assert.Fail($"Command failed:\n{result.Describe()}");
        return result;
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder) return builder.ToString();
    }
}
