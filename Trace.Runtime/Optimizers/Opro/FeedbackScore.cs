using System.Globalization;
using System.Text.RegularExpressions;

namespace Opto.Optimizers;

/// <summary>
/// Reads a score a guide wrote at the start of its feedback: <c>Score: 0.7 - too long</c>, <c>7/10</c>, <c>score 3 / 5</c>,
/// <c>80%</c>, or a number alone or followed by <c>:</c>, <c>;</c>, <c>,</c> or a dash (<c>0.7</c>, <c>0.7 - too long</c>).
/// A count or a numbered list (<c>3 of the answers</c>, <c>1. The reply</c>) is not a score.
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
            return of > 0 && double.IsFinite(value / of) ? value / of : null;
        }

        var score = match.Groups["percent"].Success ? value / 100 : value;
        return double.IsFinite(score) ? score : null;
    }

    [GeneratedRegex(@"^\s*(?:(?<prefix>score\s*[:=]?\s*)?(?<value>-?\d+(?:\.\d+)?)(?:\s*/\s*(?<of>\d+(?:\.\d+)?)|(?<percent>\s*%))(?![\d.]*\w)|score\s*[:=]?\s*(?<value>-?\d+(?:\.\d+)?)(?![\d.]*\w)|(?<value>-?\d+(?:\.\d+)?)\s*(?:$|[:;,]|\s[-\u2013\u2014]\s|\s\())", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Leading();
}
