using System.Globalization;
using System.Text.RegularExpressions;

namespace Opto.Optimizers;

/// <summary>
/// Reads a score a guide wrote at the start of its feedback: <c>0.7</c>, <c>Score: 0.7 - too long</c>, <c>7/10</c>,
/// <c>score 3 / 5</c>, <c>80%</c>. Only a leading number counts: a number inside a sentence is not a score.
/// </summary>
internal static partial class FeedbackScore
{
    public static double? Read(string feedback)
    {
        var match = Leading().Match(feedback);
        if (!match.Success) return null;
        var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (match.Groups["of"].Success)
        {
            var of = double.Parse(match.Groups["of"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return of > 0 ? value / of : null;
        }

        return match.Groups["percent"].Success ? value / 100 : value;
    }

    [GeneratedRegex(@"^\s*(?:score\s*[:=]?\s*)?(?<value>-?\d+(?:\.\d+)?)(?:\s*/\s*(?<of>\d+(?:\.\d+)?)|(?<percent>\s*%))?(?![\d.]*\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Leading();
}
