using Opto.Testing;

namespace CodeOptimization;

/// <summary>
/// What the offline demo model answers in this sample: first a fix that does not compile (so the compiler's errors
/// become feedback), then a correct one.
/// </summary>
public static class OfflineScript
{
    public static OfflineChatModel Create() => new OfflineChatModel()
        .InTurn(r => r.System.Contains("#Variables", StringComparison.Ordinal), DoesNotCompile, Correct);

    private const string DoesNotCompile = """
        {
          "reasoning": "The method only sorts. It must alternate: take the smallest remaining value, then the largest remaining one.",
          "answer": null,
          "suggestion": {
            "StrangeSorter.StrangeSortList": "/// <summary>Returns the list in strange order.</summary>\npublic List<int> StrangeSortList(List<int> values)\n{\n    var sorted = values.Order().ToList();\n    var result = new List<int>();\n    for (int low = 0, high = sorted.Count - 1; low <= high; low++, high--)\n    {\n        result.Add(sorted[low])\n        if (low != high) result.Add(sorted[high]);\n    }\n    return result;\n}"
          }
        }
        """;

    private const string Correct = """
        {
          "reasoning": "The compiler reports a missing semicolon after result.Add(sorted[low]). Same algorithm, fixed.",
          "answer": null,
          "suggestion": {
            "StrangeSorter.StrangeSortList": "/// <summary>\n/// Given a list of integers, returns it in strange order: start with the minimum value, then the maximum of the\n/// remaining integers, then the minimum, and so on.\n/// </summary>\npublic List<int> StrangeSortList(List<int> values)\n{\n    var sorted = values.Order().ToList();\n    var result = new List<int>(sorted.Count);\n    for (int low = 0, high = sorted.Count - 1; low <= high; low++, high--)\n    {\n        result.Add(sorted[low]);\n        if (low != high) result.Add(sorted[high]);\n    }\n    return result;\n}"
          }
        }
        """;
}
