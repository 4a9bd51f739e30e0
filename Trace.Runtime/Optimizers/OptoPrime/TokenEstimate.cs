namespace Opto.Optimizers;

/// <summary>
/// A token count that errs high, for budgets when no tokenizer is given: a third of a token per ASCII character
/// (English and code take about a quarter in today's tokenizers) and a whole token per other character.
/// </summary>
internal static class TokenEstimate
{
    public static int Count(string text)
    {
        var ascii = 0;
        var other = 0;
        foreach (var c in text)
        {
            if (c < 128) ascii++;
            else other++;
        }

        return (ascii + 2) / 3 + other;
    }
}
