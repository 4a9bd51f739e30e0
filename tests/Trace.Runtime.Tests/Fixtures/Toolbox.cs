using System.Text;
using Opto;

namespace Trace.Runtime.Tests.Fixtures.Toolbox;

/// <summary>A tool whose description the model reads to choose it.</summary>
public class Tool(string name)
{
    /// <summary>The tool's name.</summary>
    public string Name { get; } = name;

    /// <summary>What the tool does, as the model is told.</summary>
    [Trainable("What the tool does.")]
    public string Description { get; set; } = name + " does one thing.";

    /// <summary>Whether the planner offers it.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>A slot that holds a tool.</summary>
public class Slot(Tool tool)
{
    /// <summary>The tool in the slot.</summary>
    public Tool Tool { get; } = tool;
}

/// <summary>A planner that lists its tools' descriptions in its prompt, in the ways agent code does.</summary>
public class Planner(IReadOnlyList<Tool> captured)
{
    private readonly List<Tool> _tools = [new("search"), new("calculator") { Enabled = false }];
    private readonly Tool[] _array = [new("clock")];

    /// <summary>A sequence that is computed each time it is read.</summary>
    public IEnumerable<Tool> Lazy { get; set; } = [];

    /// <summary>The tools in the list field.</summary>
    public IReadOnlyList<Tool> Tools => _tools;

    /// <summary>The tools in the array field.</summary>
    public IReadOnlyList<Tool> Array => _array;

    /// <summary>The enabled tools' descriptions, through LINQ.</summary>
    [Traced]
    public string Menu(string q) => string.Join("\n", _tools.Where(t => t.Enabled).OrderBy(t => t.Name).Select(t => t.Description)) + q;

    /// <summary>The array's descriptions, in a loop.</summary>
    [Traced]
    public string Loop(string q)
    {
        var text = new StringBuilder();
        foreach (var tool in _array) text.AppendLine(tool.Description);
        return text + q;
    }

    /// <summary>The descriptions of the tools it is given.</summary>
    [Traced]
    public string Given(IReadOnlyList<Tool> tools, string q) => string.Concat(tools.Select(t => t.Description)) + q;

    /// <summary>The descriptions of the tools given to its constructor, through a list's method.</summary>
    [Traced]
    public string Captured(string q)
    {
        var text = new StringBuilder();
        captured.ToList().ForEach(t => text.Append(t.Description));
        return text + q;
    }

    /// <summary>Tools by name.</summary>
    public Dictionary<string, Tool> ByName { get; } = new() { ["translate"] = new("translate"), ["spell"] = new("spell") };

    /// <summary>The descriptions of the dictionary's tools.</summary>
    [Traced]
    public string Named(string q) => string.Concat(ByName.Values.Select(t => t.Description)) + q;

    /// <summary>Slots, each holding a tool.</summary>
    public List<Slot> Slots { get; } = [new(new Tool("left")), new(new Tool("right"))];

    /// <summary>The descriptions of the slots' tools.</summary>
    [Traced]
    public string FromSlots(string q)
    {
        var text = "";
        foreach (var slot in Slots) text += slot.Tool.Description;
        return text + q;
    }

    /// <summary>The descriptions of a lazy sequence, which is not read again at completion.</summary>
    [Traced]
    public string FromLazy(string q) => string.Concat(Lazy.Select(t => t.Description)) + q;
}
