namespace Opto.Optimizers;

/// <summary>
/// A token count that errs high, for budgets when no tokenizer is given. Words, code and prose cost a third of a
/// token per ASCII character (today's tokenizers take about a quarter), digits a little more; a run of characters
/// without spaces that switches often between letters, digits, cases and symbols (hashes, GUIDs, base64), which
/// tokenizers split finely, costs three quarters; any other character costs two (rare characters take several tokens).
/// </summary>
internal static class TokenEstimate
{
    private const int DenseRunLength = 12;

    public static int Count(string text)
    {
        double tokens = 0;
        var runStart = 0;
        var switches = 0;
        var digits = 0;
        var previous = CharClass.Space;
        for (var i = 0; i <= text.Length; i++)
        {
            var current = i < text.Length ? ClassOf(text[i]) : CharClass.Space;
            if (current == CharClass.Space)
            {
                tokens += RunTokens(i - runStart, switches, digits) + (i < text.Length ? 0.25 : 0);
                runStart = i + 1;
                switches = digits = 0;
            }
            else if (current == CharClass.Other)
            {
                tokens += 2;
            }
            else
            {
                if (current == CharClass.Digit) digits++;

                // A capital followed by small letters is one word (CamelCase), not a switch.
                if (previous != current && previous != CharClass.Space && !(previous == CharClass.Upper && current == CharClass.Lower)) switches++;
            }

            previous = current;
        }

        return (int)Math.Ceiling(tokens);
    }

    // A run is dense when it is long and switches class at least once in three characters. Digits are grouped by
    // three at most, so a long number costs more than a word of the same length.
    private static double RunTokens(int length, int switches, int digits) =>
        length >= DenseRunLength && switches * 3 >= length ? length * 0.75 : (length - digits) / 3.0 + digits * 0.45;

    private static CharClass ClassOf(char c) => c switch
    {
        ' ' or '\n' or '\r' or '\t' => CharClass.Space,
        >= 'a' and <= 'z' => CharClass.Lower,
        >= 'A' and <= 'Z' => CharClass.Upper,
        >= '0' and <= '9' => CharClass.Digit,
        < (char)128 => CharClass.Symbol,
        _ => CharClass.Other,
    };

    private enum CharClass
    {
        Space,
        Lower,
        Upper,
        Digit,
        Symbol,
        Other,
    }
}
