namespace SalesAgent;

/// <summary>Judges a greeting: the feedback the optimizer learns from.</summary>
public static class Checker
{
    private static readonly Dictionary<string, (string Language, string Word)> s_expected = new()
    {
        ["en"] = ("English", "Hello"),
        ["es"] = ("Spanish", "Hola"),
    };

    /// <summary>"Correct", or what is wrong with the greeting.</summary>
    public static string Judge(string greeting, string languageCode, string customerName)
    {
        var (language, word) = s_expected[languageCode];
        if (greeting.StartsWith(word, StringComparison.Ordinal) && greeting.Contains(customerName, StringComparison.Ordinal)) return "Correct";
        return $"Incorrect: the customer, {customerName}, wrote in {language} and expects a greeting that starts with \"{word}\" and uses their name; the assistant answered \"{greeting}\".";
    }
}
