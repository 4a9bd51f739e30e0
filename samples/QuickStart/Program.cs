using System.Diagnostics;
using Opto;
using QuickStart;

// 1. Existing code with [Traced] methods and [Trainable] values (see SupportDesk.cs).
var desk = new SupportDesk();
Console.WriteLine("Trainable parameters:");
foreach (var parameter in desk.TrainableParameters())
{
    Console.WriteLine($"  {parameter.Name} = {parameter.Value}   ({parameter.Description})");
}

// 2. Run it inside a trace scope: every traced call becomes a node, no wrapping by hand.
using var rollout = TraceScope.Begin("quickstart");
var message = Console.IsInputRedirected ? "My card was declined at the airport." : ReadMessage();
var customer = "Ms. Lovelace";
var topic = desk.Classify(message);
var answer = desk.Draft(topic, customer);
var polite = desk.IsPolite(answer);

Console.WriteLine();
Console.WriteLine($"Answer: \"{answer}\" (polite: {polite})");
Console.WriteLine();
Console.WriteLine("Execution graph:");
foreach (var node in rollout.Graph.Nodes)
{
    var parents = string.Join(", ", node.Parents.Select(p => p.Name));
    Console.WriteLine($"  {node.Name,-10} <- [{parents}]   {node.Description}");
}

// 3. Feedback on the answer flows back to every trainable value it depends on,
//    including Greeting and MaxWords, which Draft reads without taking them as arguments.
var result = rollout.Graph.Backward(answer, "Too casual and cut off mid-sentence: open formally and finish the sentence.");
Console.WriteLine();
Console.WriteLine($"Backward reached {result.Parameters.Count} parameters through {result.VisitedNodes} nodes:");
foreach (var parameter in result.Parameters)
{
    var entry = parameter.Feedback[^1];
    Console.WriteLine($"  {parameter.Name}: \"{entry.Feedback}\" via {string.Join(" -> ", entry.Graph.Nodes.Select(n => n.Name))}");
}

// 4. The graph as text (Mermaid renders on GitHub), and as an SVG when Graphviz is installed.
Console.WriteLine();
Console.WriteLine("Mermaid:");
Console.WriteLine(rollout.Graph.ToMermaid());
var dotFile = Path.Combine(AppContext.BaseDirectory, "quickstart.dot");
File.WriteAllText(dotFile, rollout.Graph.ToDot());
Console.WriteLine(RenderSvg(dotFile) is { } svg ? $"Graph rendered to {svg}" : $"Graph written to {dotFile} (install Graphviz 'dot' to render it as SVG).");

// 5. Trainable values are saved and loaded as JSON, bound to their names and types.
var checkpoint = Path.Combine(AppContext.BaseDirectory, "quickstart.parameters.json");
ParameterStore.Save(desk.TrainableParameters(), checkpoint);
Console.WriteLine($"Parameters saved to {checkpoint}");
Console.WriteLine();
Console.WriteLine("No optimizer ran here: the feedback is recorded on the parameters, ready for an optimizer step.");

static string ReadMessage()
{
    Console.Write("Customer message (Enter for a sample): ");
    var line = Console.ReadLine();
    return string.IsNullOrWhiteSpace(line) ? "My card was declined at the airport." : line;
}

static string? RenderSvg(string dotFile)
{
    var svg = Path.ChangeExtension(dotFile, ".svg");
    try
    {
        using var dot = Process.Start(new ProcessStartInfo("dot", ["-Tsvg", dotFile, "-o", svg]) { RedirectStandardError = true });
        if (dot is null) return null;
        dot.WaitForExit();
        return dot.ExitCode == 0 ? svg : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}
