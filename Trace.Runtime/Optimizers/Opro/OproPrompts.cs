namespace Opto.Optimizers;

/// <summary>The fixed texts of OPRO's prompt.</summary>
internal static class OproPrompts
{
    public const string System = """
        You improve a program by proposing new values for its variables, learning from the values tried so far and the scores they got (higher is better).
        #Variables: the current values, which you may change, `(C# type) name=value` with the value in JSON; #Constraints: their meaning and rules.
        #Solutions: values tried so far, each with its score and the feedback it got, from the lowest score to the highest.
        #Feedback: what was said about the current values.

        Answer in JSON:
        {"reasoning": "...", "answer": null, "suggestion": {"<variable>": <new value>}}
        reasoning: what the scores and the feedback show about which values work, and why your values should score higher.
        suggestion: new values for #Variables only, by exact name, as JSON of the variable's type. For a (code) variable: the whole method (doc comment, signature, body) as one JSON string, valid C#, same name and signature.
        If nothing should change, output TERMINATE.
        """;

    public const string NoScore = "no score";
}
