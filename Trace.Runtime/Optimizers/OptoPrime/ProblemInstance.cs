using System.Text;

namespace Opto.Optimizers;

/// <summary>
/// A problem as OptoPrime shows it to the model: the sections built from the feedback's subgraphs. Each section is
/// the text under its heading (empty when there is nothing to show).
/// </summary>
public sealed record ProblemInstance(
    string Instruction,
    string Code,
    string Documentation,
    string Variables,
    string Constraints,
    string Inputs,
    string Others,
    string Outputs,
    string Feedback)
{
    /// <summary>The problem text, without the sections in <paramref name="hidden"/>.</summary>
    /// <param name="hidden">Sections to leave out.</param>
    public string Render(ProblemSections hidden = ProblemSections.None)
    {
        var builder = new StringBuilder();
        Append(builder, hidden, ProblemSections.Instruction, "#Instruction", Instruction);
        Append(builder, hidden, ProblemSections.Code, "#Code", Code);
        Append(builder, hidden, ProblemSections.Documentation, "#Documentation", Documentation);
        Append(builder, hidden, ProblemSections.Variables, "#Variables", Variables);
        Append(builder, hidden, ProblemSections.Constraints, "#Constraints", Constraints);
        Append(builder, hidden, ProblemSections.Inputs, "#Inputs", Inputs);
        Append(builder, hidden, ProblemSections.Others, "#Others", Others);
        Append(builder, hidden, ProblemSections.Outputs, "#Outputs", Outputs);
        Append(builder, hidden, ProblemSections.Feedback, "#Feedback", Feedback);
        return builder.ToString().TrimEnd() + "\n";
    }

    /// <inheritdoc />
    public override string ToString() => Render();

    private static void Append(StringBuilder builder, ProblemSections hidden, ProblemSections section, string heading, string text)
    {
        if ((hidden & section) != 0) return;
        builder.Append(heading).Append('\n').Append(text.TrimEnd()).Append("\n\n");
    }
}
