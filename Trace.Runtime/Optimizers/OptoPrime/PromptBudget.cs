namespace Opto.Optimizers;

/// <summary>How many tokens a problem may take, and how to count them.</summary>
/// <param name="Tokens">The most tokens the problem's text may take.</param>
/// <param name="Count">Counts the tokens of a text.</param>
/// <param name="Hidden">The sections the prompt leaves out (they cost nothing).</param>
internal sealed record PromptBudget(int Tokens, Func<string, int> Count, ProblemSections Hidden);

/// <summary>The sections of a problem that are shown whole, whatever the budget.</summary>
internal sealed record FixedSections(string Objective, string Variables, string Constraints, string Feedback);
