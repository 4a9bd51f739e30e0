namespace Trace.EndToEnd.Tests;

/// <summary>A node as a consumer app printed it: <c>NODE name | parent,parent | description</c>.</summary>
internal sealed record PrintedNode(string Name, IReadOnlyList<string> Parents, string Description);

/// <summary>What a consumer app (see <see cref="ConsumerSolution"/>) printed, parsed.</summary>
internal sealed class AppOutput
{
    private AppOutput(string text) => Text = text;

    /// <summary>The whole standard output, for assertion messages.</summary>
    public string Text { get; }

    /// <summary>The graph's nodes, by name, in the order the graph listed them.</summary>
    public IReadOnlyDictionary<string, PrintedNode> Nodes { get; private set; } = new Dictionary<string, PrintedNode>();

    /// <summary>The node feedback was given on.</summary>
    public string? BackwardOutput { get; private set; }

    /// <summary>The parameters Backward reached.</summary>
    public IReadOnlyList<string> ReachedParameters { get; private set; } = [];

    /// <summary>The feedback each reached parameter holds, by parameter name.</summary>
    public IReadOnlyDictionary<string, string> Feedback { get; private set; } = new Dictionary<string, string>();

    /// <summary>The objects' trainable parameters: name, value and description.</summary>
    public IReadOnlyList<(string Name, string Value, string Description)> Parameters { get; private set; } = [];

    /// <summary>The library's prompt after saving, changing and loading the parameters.</summary>
    public string? Restored { get; private set; }

    /// <summary>Whether the app ran to its end.</summary>
    public bool Done { get; private set; }

    public static AppOutput Parse(string stdout)
    {
        var output = new AppOutput(stdout);
        var nodes = new Dictionary<string, PrintedNode>(StringComparer.Ordinal);
        var feedback = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new List<(string, string, string)>();
        foreach (var rawLine in stdout.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                if (line == "DONE") output.Done = true;
                continue;
            }

            var fields = line[(space + 1)..].Split(" | ");
            switch (line[..space])
            {
                case "NODE" when fields.Length == 3:
                    nodes[fields[0]] = new PrintedNode(fields[0], SplitList(fields[1]), fields[2]);
                    break;
                case "BACKWARD" when fields.Length == 2:
                    output.BackwardOutput = fields[0];
                    output.ReachedParameters = SplitList(fields[1]);
                    break;
                case "FEEDBACK" when fields.Length == 2:
                    feedback[fields[0]] = fields[1];
                    break;
                case "PARAMETER" when fields.Length == 3:
                    parameters.Add((fields[0], fields[1], fields[2]));
                    break;
                case "RESTORED":
                    output.Restored = line[(space + 1)..];
                    break;
            }
        }

        output.Nodes = nodes;
        output.Feedback = feedback;
        output.Parameters = parameters;
        return output;
    }

    private static string[] SplitList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
