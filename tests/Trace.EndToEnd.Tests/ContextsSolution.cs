namespace Trace.EndToEnd.Tests;

/// <summary>
/// Writes a second consumer solution whose traced calls sit in contexts the generated interceptors must follow, built with
/// the SDK's own compiler and analyzers (the trimming, AOT and single-file analyzers only run in a real build):
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Contexts</c>: <c>IsAotCompatible</c> and <c>TreatWarningsAsErrors</c>; traced methods that require unreferenced
/// code, dynamic code or assembly files (also through their class), with <c>[DynamicallyAccessedMembers]</c> parameters and
/// results, platform-specific, obsolete with <c>error: true</c>, experimental, requiring preview features, with a
/// constant-expected parameter, <c>[Conditional]</c>; each called from a context that makes the call legal.</item>
/// <item><c>SafetyRules</c>: the compiler's updated memory safety rules, a traced method that requires an unsafe context
/// called inside an <c>unsafe</c> block, and a private traced method (called through an extern accessor).</item>
/// </list>
/// Both print their graph's node names (<c>NODE name</c>) and what their calls returned (<c>RESULT ...</c>).
/// </remarks>
internal static class ContextsSolution
{
    public const string SolutionFile = "Contexts.slnx";

    public static readonly IReadOnlyDictionary<string, string> Apps = new Dictionary<string, string>
    {
        ["Contexts"] = "Contexts/Contexts.csproj",
        ["SafetyRules"] = "SafetyRules/SafetyRules.csproj",
    };

    public static void Write(string root, string feed, string version)
    {
        ConsumerFiles.WriteNuGetConfig(root, feed);

        ConsumerFiles.Write(root, SolutionFile, """
            <Solution>
              <Project Path="Contexts/Contexts.csproj" />
              <Project Path="SafetyRules/SafetyRules.csproj" />
            </Solution>
            """);

        ConsumerFiles.Write(root, "Contexts/Contexts.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsAotCompatible>true</IsAotCompatible>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>

              <ItemGroup>
                <PackageReference Include="Opto.Trace" Version="{version}" />
              </ItemGroup>

            </Project>
            """);

        ConsumerFiles.Write(root, "Contexts/Api.cs", """
            using System.Diagnostics;
            using System.Diagnostics.CodeAnalysis;
            using System.Runtime.Versioning;
            using Opto;

            namespace Contexts;

            /// <summary>Traced methods that ask something of their callers.</summary>
            public class Api
            {
                public List<string> Lines { get; } = [];

                [RequiresUnreferencedCode("Looks a type up by name.")]
                [Traced]
                public string Reflect(string name) => name;

                [RequiresDynamicCode("Makes a generic type at run time.")]
                [Traced]
                public string MakeList(string element) => element;

                [RequiresAssemblyFiles("Reads the assembly's file.")]
                [Traced]
                public string Locate(string name) => name;

                [Traced]
                public int CountMethods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetMethods().Length > 0 ? 1 : 0;

                [Traced]
                [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
                public Type Pick(string name) => typeof(string);

                [SupportedOSPlatform("windows")]
                [Traced]
                public string OnWindows(string text) => text;

                [UnsupportedOSPlatform("browser")]
                [Traced]
                public string OutsideBrowsers(string text) => text;

                [Traced]
                public int Shift([ConstantExpected(Min = 0, Max = 31)] int bits) => 1 << bits;

                [Obsolete("Use Reflect.", error: true)]
                [Traced]
                public string Legacy(string text) => text;

                [Experimental("CTX001")]
                [Traced]
                public string Trial(string text) => text;

                [RequiresPreviewFeatures]
                [Traced]
                public string Early(string text) => text;

                [Conditional("VERBOSE")]
                [Traced]
                public void Log(string line) => Lines.Add(line);
            }

            /// <summary>A class whose static members require unreferenced code.</summary>
            [RequiresUnreferencedCode("Loads plugins.")]
            public static class Plugins
            {
                [Traced]
                public static string Load(string name) => name;
            }

            /// <summary>A trainable value of a class that requires unreferenced code.</summary>
            [RequiresUnreferencedCode("Reads settings by reflection.")]
            public class Settings
            {
                [Trainable("The tone of every answer.")]
                public static string Tone { get; set; } = "calm";
            }
            """);

        ConsumerFiles.Write(root, "Contexts/Callers.cs", """
            using System.Diagnostics.CodeAnalysis;
            using System.Runtime.Versioning;

            namespace Contexts;

            /// <summary>Calls made where they are legal.</summary>
            public static class Callers
            {
                [RequiresUnreferencedCode("Calls Reflect and Plugins.")]
                [RequiresDynamicCode("Calls MakeList.")]
                [RequiresAssemblyFiles("Calls Locate.")]
                public static string Annotated(Api api) => api.Reflect("r") + api.MakeList("m") + api.Locate("l") + Plugins.Load("p");

                [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Tested: the suppression covers the traced call.")]
                public static string Suppressed(Api api) => api.Reflect("s");

                public static string Annotations(Api api, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) =>
                    $"{api.CountMethods(type)}{api.CountMethods(typeof(int))}{Methods(api.Pick("p"))}";

                public static string Guarded(Api api)
                {
                    var result = "";
                    if (OperatingSystem.IsWindows()) result += api.OnWindows("w");
                    if (!OperatingSystem.IsBrowser()) result += api.OutsideBrowsers("b");
                    return result + (OperatingSystem.IsWindows() ? Windows(api) : "");
                }

                [SupportedOSPlatform("windows")]
                private static string Windows(Api api) => api.OnWindows("w");

                public static int Constant(Api api) => api.Shift(3);

                [Obsolete("Calls Legacy.")]
                public static string Obsolete(Api api) => api.Legacy("o");

                public static string Experimental(Api api)
                {
            #pragma warning disable CTX001
                    return api.Trial("t");
            #pragma warning restore CTX001
                }

                [RequiresPreviewFeatures]
                public static string Preview(Api api) => api.Early("e");

                private static int Methods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetMethods().Length > 0 ? 1 : 0;
            }
            """);

        ConsumerFiles.Write(root, "Contexts/Program.cs", """
            #define VERBOSE
            using System.Diagnostics.CodeAnalysis;
            using Opto;

            namespace Contexts;

            public static class Program
            {
                [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The program calls members that require unreferenced code.")]
                [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The program calls members that require dynamic code.")]
                [UnconditionalSuppressMessage("SingleFile", "IL3002", Justification = "The program calls members that require assembly files.")]
                public static void Main()
                {
                    var api = new Api();
                    using var scope = TraceScope.Begin("contexts");
                    var results = new List<string>
                    {
                        Callers.Annotated(api),
                        Callers.Suppressed(api),
                        Callers.Annotations(api, typeof(Uri)),
                        Callers.Guarded(api),
                        Callers.Constant(api).ToString(System.Globalization.CultureInfo.InvariantCulture),
            #pragma warning disable CS0618
                        Callers.Obsolete(api),
            #pragma warning restore CS0618
                        Callers.Experimental(api),
                    };
                    api.Log("logged");
                    Console.WriteLine($"RESULT {string.Join(",", results)} {string.Join(",", api.Lines)}");
                    foreach (var node in scope.Graph.Nodes)
                    {
                        Console.WriteLine($"NODE {node.Name}");
                    }
                }
            }
            """);

        ConsumerFiles.Write(root, "SafetyRules/SafetyRules.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <LangVersion>preview</LangVersion>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <Features>$(Features);updated-memory-safety-rules</Features>
              </PropertyGroup>

              <ItemGroup>
                <PackageReference Include="Opto.Trace" Version="{version}" />
              </ItemGroup>

            </Project>
            """);

        ConsumerFiles.Write(root, "SafetyRules/Program.cs", """
            using Opto;

            namespace SafetyRules;

            /// <summary>Traced methods under the updated memory safety rules.</summary>
            public class Native
            {
                /// <summary>Requires an unsafe context of its callers.</summary>
                [Traced]
                public unsafe string Raw(string text) => text;

                [Traced]
                private string Hidden(string text) => text;

                public string Run() => Hidden("h");
            }

            public static class Program
            {
                public static void Main()
                {
                    var native = new Native();
                    using var scope = TraceScope.Begin("safety");
                    string raw;
                    unsafe
                    {
                        raw = native.Raw("r");
                    }

                    Console.WriteLine($"RESULT {raw}{native.Run()}");
                    foreach (var node in scope.Graph.Nodes)
                    {
                        Console.WriteLine($"NODE {node.Name}");
                    }
                }
            }
            """);
    }
}
