using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Glue that passes on a result of a traced call unchanged, over a new traced call's result at every turn.</summary>
public sealed class Reviewer
{
    /// <summary>How many rounds kept an eligible text: the draft, unless a round's hint is long enough to replace it.</summary>
    [Traced]
    public int Review(string topic, int rounds)
    {
        var draft = Draft(topic);
        var kept = 0;
        for (var i = 0; i < rounds; i++)
        {
            var hint = Hint(i);
            var chosen = hint.Length > 100 ? hint : draft;
            if (IsEligible(chosen)) kept++;
        }

        return kept;
    }

    /// <summary>A first draft on the topic.</summary>
    [Traced]
    public static string Draft(string topic) => "Draft on " + topic;

    /// <summary>A short hint for a round.</summary>
    [Traced]
    public static string Hint(int round) => "hint " + round;

    /// <summary>Whether the text is eligible.</summary>
    [Traced]
    public static bool IsEligible(string value) => value.Length > 0;
}
