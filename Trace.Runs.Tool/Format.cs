using System.Globalization;
using Microsoft.Extensions.AI;

namespace Opto.Runs.Tool;

/// <summary>How the tool writes numbers, times and tokens: the same on every machine, whatever its culture.</summary>
internal static class Format
{
    public const string None = "-";

    public static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Score(double? score) => score is { } value ? Score(value) : None;

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Tokens(UsageDetails usage) =>
        Count(usage.TotalTokenCount ?? (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));

    public static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0}ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed:mm\\:ss}"),
    };
}
