namespace Opto.Optimizers;

/// <summary>The fixed texts OptoPrimeMulti adds to OptoPrime's prompt to make candidates differ and to choose one.</summary>
internal static class MultiPrompts
{
    public const string Refine =
        "Below is a previous answer to this problem. Write a better one in the same JSON format: fix what it gets wrong, keep what it gets right. " +
        "Change only #Variables, never inputs.\n";

    public const string Alternatives =
        "Below are earlier answers to this problem. Write a new answer in the same JSON format that solves the problem in a clearly different way. " +
        "Change only #Variables, never inputs.\n";

    public static string Expert(string expert) => $"Answer as an expert: {expert}. Give your best solution from that expertise.\n\n";

    public const string ExpertsSystem =
        "Name complementary experts who could best improve the program described below. Answer in JSON: {\"experts\": [\"...\", ...]}.";

    public const string ExpertsUser = "Number of experts: {0}\nThe problem:\n{1}";

    public static readonly string[] DefaultExperts =
        ["Prompt engineer", "Domain expert of the task", "Software engineer", "Critical reviewer", "Out-of-the-box problem solver"];

    public const string ChooseSystem = """
        You compare candidate answers to an optimization problem and choose the most promising one.
        The problem shows a program's calls (#Code), the variables that may change (#Variables), the outputs and the #Feedback.
        Weigh each candidate's suggested values against the feedback and the constraints: which is most likely to fix what the feedback says without breaking anything else?
        Answer in JSON: {"reasoning": "strengths and weaknesses of each candidate", "choice": <the number of the best candidate>}
        """;

    public const string SynthesizeSystem = """
        You combine candidate answers to an optimization problem into one better answer, keeping the best elements of each.
        Change only the variables in #Variables, never inputs.
        """;
}
