namespace Trace.EndToEnd.Tests;

/// <summary>
/// One console app per combination of packages a user adds (trace only; with the code package; with the provider
/// package), each holding only what <c>dotnet new console</c> puts in a project file plus its package references. A
/// <c>Directory.Build.targets</c> beside them (not in the project files) lists what the compiler got: every reference
/// that is not part of the framework, and every analyzer or generator with its path.
/// </summary>
internal static class PackageShapes
{
    public const string TraceOnly = "TraceOnly";
    public const string WithCode = "WithCode";
    public const string WithProvider = "WithProvider";

    public static readonly string[] Names = [TraceOnly, WithCode, WithProvider];

    /// <summary>The file each app's build writes its compile inputs to.</summary>
    public const string InputsFile = "compile-inputs.txt";

    public static void Write(string root, string feed, string version)
    {
        ConsumerFiles.WriteNuGetConfig(root, feed);
        ConsumerFiles.Write(root, "Directory.Build.targets", $$"""
            <Project>
              <Target Name="ListCompileInputs" BeforeTargets="CoreCompile">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/{{InputsFile}}" Overwrite="true"
                                  Lines="@(ReferencePathWithRefAssemblies->'reference|%(Filename)|%(FrameworkReferenceName)');@(Analyzer->'analyzer|%(Filename)|%(FullPath)')" />
              </Target>
            </Project>
            """);

        // Also references an older DependencyInjection.Abstractions, as an application already on .NET 10.0.0 does:
        // adding the package must not force a newer one on it (NU1605 with warnings as errors).
        Project(root, TraceOnly, version, """
                <PackageReference Include="Microsoft.Extensions.DependencyInjection.Abstractions" Version="10.0.0" />
            """, """
            using Opto;

            var desk = new Desk();
            using var rollout = TraceScope.Begin();
            var answer = desk.Draft("cards");
            var result = rollout.Graph.Backward(answer, "Too casual.");
            Console.WriteLine($"answer={answer}");
            Console.WriteLine($"reached={string.Join(",", result.Parameters.Select(p => p.Name))}");

            public class Desk
            {
                [Trainable("How every reply opens.")]
                public string Greeting { get; set; } = "Hey there!";

                /// <summary>Drafts an answer about a topic.</summary>
                [Traced]
                public string Draft(string topic) => $"{Greeting} About {topic}.";
            }
            """);

        Project(root, WithCode, version, $"""
                <PackageReference Include="Opto.Trace.Code" Version="{version}" />
            """, """
            using Opto;
            using Opto.Code;

            var code = new Doubler().TrainableParameters().OfType<CodeParameter>().Single();
            var before = new Doubler().Twice(7);
            code.SetValue("public int Twice(int value) => value * 3;");
            Console.WriteLine($"before={before} after={new Doubler().Twice(7)} replaced={code.IsReplaced}");

            public class Doubler
            {
                /// <summary>Doubles a value.</summary>
                [Trainable]
                public int Twice(int value) => value * 2;
            }
            """);

        Project(root, WithProvider, version, $"""
                <PackageReference Include="Opto.Trace.Providers" Version="{version}" />
            """, """
            using Microsoft.Extensions.AI;
            using Opto;
            using Opto.Providers;

            var chat = ChatClientFactory.Create(new ChatClientSettings
            {
                Provider = ChatProvider.OpenAI,
                Endpoint = new Uri("http://127.0.0.1:9/v1/"),
                ApiKey = "none",
                Model = "some-model",
            });
            Console.WriteLine($"provider={chat.GetService<ChatClientMetadata>()?.ProviderName} model={chat.GetService<ChatClientMetadata>()?.DefaultModelId}");
            Console.WriteLine($"traced={new Echo().Say("hi")}");

            public class Echo
            {
                /// <summary>Says a text.</summary>
                [Traced]
                public string Say(string text) => text;
            }
            """);
    }

    private static void Project(string root, string name, string version, string extraReferences, string program)
    {
        ConsumerFiles.Write(root, $"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>

              <ItemGroup>
                <PackageReference Include="Opto.Trace" Version="{version}" />
            {extraReferences.TrimEnd()}
              </ItemGroup>

            </Project>
            """);
        ConsumerFiles.Write(root, $"{name}/Program.cs", program);
    }
}
