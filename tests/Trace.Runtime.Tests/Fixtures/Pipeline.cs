using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>The state a pipeline's steps are given, each keeping what it makes in it.</summary>
public class PipelineState
{
    /// <summary>The question asked.</summary>
    public string Question { get; set; } = "";

    /// <summary>What retrieval found.</summary>
    public string Documents { get; set; } = "";

    /// <summary>The draft written from the documents.</summary>
    public string Draft = "";

    /// <summary>What each step did.</summary>
    public List<string> Log { get; } = [];

    /// <summary>A note no step reads.</summary>
    public string Note { get; set; } = "";
}

/// <summary>A pipeline of traced steps that pass one state object along, as agent graphs do.</summary>
public class Pipeline
{
    [Trainable("How documents are found.")]
    public string RetrievalInstruction { get; set; } = "Find";

    [Trainable("How a draft is written.")]
    public string DraftInstruction { get; set; } = "Draft";

    /// <summary>Finds documents for the question.</summary>
    [Traced]
    public void Retrieve(PipelineState state)
    {
        state.Documents = $"{RetrievalInstruction}: {state.Question}";
        state.Log.Add($"retrieved for {state.Question}");
    }

    /// <summary>Finds documents later.</summary>
    [Traced]
    public async Task RetrieveAsync(PipelineState state)
    {
        await Task.Yield();
        state.Documents = $"{RetrievalInstruction} (late): {state.Question}";
    }

    /// <summary>Writes a draft from the documents.</summary>
    [Traced]
    public void Write(PipelineState state) => state.Draft = $"{DraftInstruction} from {state.Documents}";

    /// <summary>Writes a note nobody reads.</summary>
    [Traced]
    public void Annotate(PipelineState state) => state.Note = $"{DraftInstruction} note";

    /// <summary>The final answer, from the draft.</summary>
    [Traced]
    public string Finish(PipelineState state) => $"Answer: {state.Draft}";

    /// <summary>The steps taken, in a line.</summary>
    [Traced]
    public string Summarize(PipelineState state) => string.Join("; ", state.Log);

    /// <summary>A response to the draft, through a helper that builds the prompt from the state.</summary>
    [Traced]
    public string Respond(PipelineState state) => "Response to " + PromptFor(state);

    private static string PromptFor(PipelineState state) => $"Draft: {state.Draft}";

    /// <summary>Classifies a text.</summary>
    [Traced]
    public string Classify(string text) => text.Length > 10 ? "long" : "short";
}
