using System.Globalization;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>Token counts as Microsoft.Extensions.AI reports them (<see cref="UsageDetails"/>): added up and described.</summary>
public static class Tokens
{
    /// <summary>A new <see cref="UsageDetails"/> holding the sum of every count of <paramref name="usages"/>.</summary>
    /// <param name="usages">The counts to add up.</param>
    public static UsageDetails Sum(IEnumerable<UsageDetails> usages)
    {
        ArgumentNullException.ThrowIfNull(usages);
        var sum = new UsageDetails();
        foreach (var usage in usages) sum.Add(usage);
        return sum;
    }

    /// <summary>"321 in + 45 out = 366 tokens" (and the cached and reasoning tokens, when the response reported them).</summary>
    /// <param name="usage">The counts.</param>
    public static string Describe(UsageDetails usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{input} in + {output} out = {usage.TotalTokenCount ?? input + output} tokens");
        if (usage.CachedInputTokenCount is > 0 and var cached) text += string.Create(CultureInfo.InvariantCulture, $", {cached} cached");
        if (usage.ReasoningTokenCount is > 0 and var reasoning) text += string.Create(CultureInfo.InvariantCulture, $", {reasoning} reasoning");
        return text;
    }
}
