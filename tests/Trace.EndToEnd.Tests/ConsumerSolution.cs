namespace Trace.EndToEnd.Tests;

/// <summary>
/// Writes a small consumer solution that uses the packed Opto.Trace package the way a user would:
/// a class library and two console apps, whose project files hold nothing but what <c>dotnet new</c> puts
/// there plus one <c>PackageReference</c> (and a <c>ProjectReference</c> to the library for the apps).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Library</c> references the package and declares a <c>[Trainable]</c> property and <c>[Traced]</c> methods,
/// one of which it calls itself (interceptors generated inside the library).</item>
/// <item><c>App</c> references the library and the package (it declares <c>[Traced]</c> and <c>[Trainable]</c> members
/// of its own, so it adds the one package, as the design asks of every project that uses the attributes).</item>
/// <item><c>TransitiveApp</c> has the same code but only references the library: it gets the runtime, the generator
/// and the <c>buildTransitive</c> props through the library's <c>PackageReference</c>.</item>
/// </list>
/// Both apps print their execution graph in a line format <see cref="AppOutput"/> parses.
/// </remarks>
internal static class ConsumerSolution
{
    public const string SolutionFile = "Consumer.slnx";

    /// <summary>The console apps of the solution, each with its project file relative to the solution folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> Apps = new Dictionary<string, string>
    {
        ["App"] = "App/App.csproj",
        ["TransitiveApp"] = "TransitiveApp/TransitiveApp.csproj",
    };

    /// <summary>The doc summaries of the traced methods: the operator descriptions the graph must show.</summary>
    public const string AnswerSummary = "Answers a question, introduced by the oracle's prompt.";

    public const string NormalizeSummary = "Trims the whitespace around a question.";

    public const string ShoutSummary = "Shouts a text and ends it with the suffix.";

    /// <summary>Writes the solution into <paramref name="root"/>, restoring Opto.Trace <paramref name="version"/> from <paramref name="feed"/>.</summary>
    public static void Write(string root, string feed, string version)
    {
        ConsumerFiles.WriteNuGetConfig(root, feed);

        ConsumerFiles.Write(root, SolutionFile, """
            <Solution>
              <Project Path="Library/Library.csproj" />
              <Project Path="App/App.csproj" />
              <Project Path="TransitiveApp/TransitiveApp.csproj" />
            </Solution>
            """);

        ConsumerFiles.Write(root, "Library/Library.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>

              <ItemGroup>
                <PackageReference Include="Opto.Trace" Version="{version}" />
              </ItemGroup>

            </Project>
            """);

        ConsumerFiles.Write(root, "Library/Oracle.cs", $$"""
            using Opto;

            namespace Library;

            /// <summary>An oracle whose prompt an optimizer may rewrite.</summary>
            public class Oracle
            {
                [Trainable("How the oracle introduces every answer.")]
                public string Prompt { get; set; } = "The answer is";

                /// <summary>{{AnswerSummary}}</summary>
                [Traced]
                public string Answer(string question) => $"{Prompt} 42 (asked: {question})";

                /// <summary>{{NormalizeSummary}}</summary>
                [Traced]
                public static string Normalize(string text) => text.Trim();

                /// <summary>Normalizes a question, then answers it (traced calls made inside the library itself).</summary>
                public string Consult(string question) => Answer(Normalize(question));

                /// <summary>Drafts a text on a topic; virtual, so tests of the app can mock it.</summary>
                [Traced]
                public virtual string Draft(string topic) => $"{Prompt} {topic}";

                /// <summary>Doubles a number; used inside queries.</summary>
                [Traced]
                public static int Twice(int value) => value * 2;
            }
            """);

        foreach (var (name, project) in Apps)
        {
            // TransitiveApp gets Opto.Trace only through the library.
            var packageReference = name == "TransitiveApp" ? "" : $"\n    <PackageReference Include=\"Opto.Trace\" Version=\"{version}\" />";
            ConsumerFiles.Write(root, project, $"""
                <Project Sdk="Microsoft.NET.Sdk">

                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>

                  <ItemGroup>
                    <ProjectReference Include="../Library/Library.csproj" />{packageReference}
                    <PackageReference Include="Moq" Version="4.21.0" />
                  </ItemGroup>

                </Project>
                """);

            var folder = Path.GetDirectoryName(project)!;
            ConsumerFiles.Write(root, Path.Combine(folder, "Formatter.cs"), $$"""
                using Opto;

                namespace Consumer;

                /// <summary>Formats the oracle's answers.</summary>
                public class Formatter
                {
                    [Trainable("What ends every shouted text.")]
                    public string Suffix { get; set; } = "!";

                    /// <summary>{{ShoutSummary}}</summary>
                    [Traced]
                    public string Shout(string text) => text.ToUpperInvariant() + Suffix;
                }
                """);

            ConsumerFiles.Write(root, Path.Combine(folder, "Program.cs"), """
                using Consumer;
                using Library;
                using Opto;

                var oracle = new Oracle();
                var formatter = new Formatter();

                using (var scope = TraceScope.Begin("e2e"))
                {
                    var answer = oracle.Answer("What is six times seven?"); // a library method, intercepted at this call site
                    var shout = formatter.Shout(answer);                    // this app's own method, fed the library's result
                    var consulted = oracle.Consult("  Why?  ");             // library code calling its own traced methods
                    Console.WriteLine($"RESULT {shout}");
                    Console.WriteLine($"CONSULTED {consulted}");

                    foreach (var node in scope.Graph.Nodes)
                    {
                        Console.WriteLine($"NODE {node.Name} | {string.Join(",", node.Parents.Select(p => p.Name))} | {node.Description}");
                    }

                    var result = scope.Graph.Backward(shout, "Too loud.");
                    Console.WriteLine($"BACKWARD {result.Output.Name} | {string.Join(",", result.Parameters.Select(p => p.Name))}");
                    foreach (var parameter in result.Parameters)
                    {
                        Console.WriteLine($"FEEDBACK {parameter.Name} | {parameter.Feedback[^1].Feedback}");
                    }
                }

                var parameters = oracle.TrainableParameters().Concat(formatter.TrainableParameters()).ToList();
                foreach (var parameter in parameters)
                {
                    Console.WriteLine($"PARAMETER {parameter.Name} | {parameter.Value} | {parameter.Description}");
                }

                var checkpoint = Path.Combine(AppContext.BaseDirectory, "parameters.json");
                ParameterStore.Save(parameters, checkpoint);
                oracle.Prompt = "Changed";
                ParameterStore.Load(parameters, checkpoint);
                Console.WriteLine($"RESTORED {oracle.Prompt}");

                // Libraries that read expression trees see the traced methods themselves, with tracing on or off.
                var mock = new Moq.Mock<Oracle>();
                mock.Setup(o => o.Draft("cards")).Returns("mocked draft");
                using (TraceScope.Begin("mock"))
                {
                    Console.WriteLine($"MOCK {mock.Object.Draft("cards")}");
                }

                var query = new[] { 1, 2, 3 }.AsQueryable().Where(n => Oracle.Twice(n) > 2);
                Console.WriteLine($"QUERY {string.Join(",", query)} | {query.Expression}");
                Console.WriteLine("DONE");
                """);
        }
    }
}
