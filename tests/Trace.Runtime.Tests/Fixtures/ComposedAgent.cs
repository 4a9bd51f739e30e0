using Opto;

namespace Trace.Runtime.Tests.Fixtures.Composed;

/// <summary>An agent built from parts, as PyTorch modules hold modules: a planner, tools of one class, experts by topic, a reviewer behind an interface.</summary>
public class Agent
{
    [Trainable("What the agent is for.")]
    public string Instructions { get; set; } = "Answer the customer.";

    public Planner Planner { get; set; } = new();

    public Planner? Backup { get; set; }

    public List<Tool> Tools { get; set; } = [new("search"), new("calculate"), new("write")];

    public Dictionary<string, Expert> Experts { get; } = new() { ["math"] = new("Count carefully."), ["law"] = new("Cite the rule.") };

    public IReviewer Reviewer { get; set; } = new StrictReviewer();

    // Statics belong to the type, not to an agent's path: not followed.
    public static Planner Shared { get; set; } = new();

    /// <summary>Plans with the planner, then uses the first tool: traced calls nested in a traced call, on held objects.</summary>
    [Traced]
    public string Run(string task) => Tools[0].Use(Planner.Plan(task));
}

public class Planner
{
    [Trainable("How the planner plans.")]
    public string Prompt { get; set; } = "Plan step by step.";

    /// <summary>The agent that owns this planner (a cycle back to the parent).</summary>
    public Agent? Owner { get; set; }

    /// <summary>Plans a task.</summary>
    [Traced]
    public string Plan(string task) => $"{Prompt} {task}";
}

public class Tool(string description)
{
    [Trainable("What the tool does.")]
    public string Description { get; set; } = description;

    [Trainable("How every tool formats its output.")]
    public static string Format { get; set; } = "plain";

    /// <summary>The other tools of the agent (the same list that holds this one).</summary>
    public List<Tool>? Siblings { get; set; }

    /// <summary>Uses the tool on an input.</summary>
    [Traced]
    public string Use(string input) => $"{Description}: {input}";
}

public class Expert(string prompt)
{
    [Trainable("How the expert answers.")]
    public string Prompt { get; set; } = prompt;

    /// <summary>Answers a question.</summary>
    [Traced]
    public string Answer(string question) => $"{Prompt} {question}";
}

public interface IReviewer
{
    string Review(string text);
}

public class StrictReviewer : IReviewer
{
    [Trainable("What the reviewer rejects.")]
    public string Rules { get; set; } = "No jargon.";

    public string Review(string text) => Rules + " " + text;
}

/// <summary>A team of teams: its list of members can hold it again, further down.</summary>
public class Team
{
    [Trainable("The team's motto.")]
    public string Motto { get; set; } = "";

    public List<Team> Members { get; } = [];
}

/// <summary>Declares no trainable member, only holds teams: it still has a TrainableParameters().</summary>
public class Department
{
    public Team[] Teams { get; set; } = [];
}
