using System.Text;

namespace Opto.Optimizers;

/// <summary>
/// Assembles OptoPrime's system and user prompts: the fixed texts around the problem, the worked example, the
/// memory of past steps and the rejections of the last answer.
/// </summary>
internal sealed class PromptAssembler(OptoPrimeOptions options)
{
    public static string SystemPrompt => OptoPrimePrompts.Representation + "\n\n" + OptoPrimePrompts.OutputFormat;

    public string UserPrompt(string problem, IReadOnlyList<(string Variables, string Feedback)> memory, IReadOnlyList<Rejection> rejections)
    {
        var builder = new StringBuilder();
        if (options.IncludeExample)
        {
            var example = options.Example ?? OptoPrimePrompts.BuiltInExample;
            builder.Append(OptoPrimePrompts.ExampleIntroduction).Append("\n\n").Append(OptoPrimePrompts.Separator).Append('\n')
                .Append(example.Problem.TrimEnd()).Append('\n').Append(OptoPrimePrompts.Separator).Append("\n\n")
                .Append(OptoPrimePrompts.FinalPrompt).Append('\n').Append(example.Response.TrimEnd()).Append("\n\n");
        }

        if (memory.Count > 0)
        {
            builder.Append(OptoPrimePrompts.MemoryIntroduction).Append("\n\n");
            for (var i = 0; i < memory.Count; i++)
            {
                builder.Append("[past ").Append(i + 1).Append("]\n#Variables\n").Append(memory[i].Variables).Append("\n#Feedback\n").Append(memory[i].Feedback.TrimEnd()).Append("\n\n");
            }
        }

        // The problem is set apart only when an example or past steps come before it.
        if (builder.Length > 0)
        {
            builder.Append(OptoPrimePrompts.ProblemIntroduction).Append("\n\n").Append(OptoPrimePrompts.Separator).Append('\n')
                .Append(problem).Append(OptoPrimePrompts.Separator).Append("\n\n");
        }
        else
        {
            builder.Append(problem).Append('\n');
        }

        AppendRejections(builder, rejections);
        return builder.Append(OptoPrimePrompts.FinalPrompt).Append('\n').ToString();
    }

    /// <summary>The rejections of the last answer, as every optimizer's next prompt shows them; nothing when there are none.</summary>
    public static void AppendRejections(StringBuilder builder, IReadOnlyList<Rejection> rejections)
    {
        if (rejections.Count == 0) return;
        builder.Append(OptoPrimePrompts.RejectionsIntroduction).Append('\n');
        foreach (var rejection in rejections) builder.Append("- ").Append(rejection).Append('\n');
        builder.Append('\n');
    }
}
