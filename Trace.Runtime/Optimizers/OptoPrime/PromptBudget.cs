namespace Opto.Optimizers;

/// <summary>How many tokens a problem may take, and how to count them.</summary>
/// <param name="Tokens">The most tokens the problem's text may take.</param>
/// <param name="Count">Counts the tokens of a text.</param>
internal sealed record PromptBudget(int Tokens, Func<string, int> Count);

/// <summary>The sections of a problem that are shown whole, whatever the budget.</summary>
internal sealed record FixedSections(string Objective, string Variables, string Constraints, string Feedback);
