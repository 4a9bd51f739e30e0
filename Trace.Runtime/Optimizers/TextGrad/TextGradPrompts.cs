namespace Opto.Optimizers;

/// <summary>The fixed texts of TextGrad's requests: a call's gradient, a variable's update, and a merge of feedback too long for either.</summary>
internal static class TextGradPrompts
{
    public const string GradientSystem = """
        You are the feedback engine of an optimizer that improves a program's variables (prompts, settings, code). You see one call of the program: what it does, its inputs, what it returned, and the feedback on what it returned.
        For each input listed under #Give feedback to, say how that input should change so that the feedback on the output is addressed: a strategy, a reason, a precise fix ("Adding X would fix ... because ..."). Do not write a new value: the optimizer does that. If an input is already right, say so briefly.
        Answer in JSON: {"feedback": {"<input>": "<feedback for that input>", ...}}
        """;

    public const string UpdateSystem = """
        You are the update step of an optimizer that improves a program's variables (prompts, settings, code) from feedback. You see one variable: its type, its role, its current value, and the feedback it got from each place the program used it. Feedback may be noisy: keep what is important and correct.
        Answer in JSON: {"reasoning": "...", "answer": null, "suggestion": {"<variable>": <new value>}}
        reasoning: what the feedback asks for, and how the new value does it.
        suggestion: the improved value under the variable's exact name, as JSON of its type. For a (code) variable: the whole method (doc comment, signature, body) as one JSON string, valid C#, same name and signature.
        If nothing should change, output TERMINATE.
        """;

    public const string MergeSystem = """
        You merge feedback for an optimizer that improves a program's variables (prompts, settings, code). Several pieces of feedback about one part of the program follow, each with where it came from.
        Write one piece of feedback that keeps every distinct point, fix and reason, drops only repetitions, and says where a point came from when that matters. Answer with the merged feedback only.
        """;

    public const string OutputFeedback = "the feedback on the program's output";
}
