namespace CodeOptimization;

/// <summary>The examples the method must satisfy; failures are the feedback.</summary>
public static class TestCases
{
    public static readonly (List<int> Input, List<int> Expected)[] All =
    [
        ([1, 2, 3, 4], [1, 4, 2, 3]),
        ([5, 5, 5, 5], [5, 5, 5, 5]),
        ([], []),
        ([9, -2, 7, 0], [-2, 9, 0, 7]),
    ];

    public static string Show(IEnumerable<int> values) => "[" + string.Join(", ", values) + "]";
}
