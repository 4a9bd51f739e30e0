using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced operations for graphs of random shape: two values, or a value and a trainable one, mixed.</summary>
public static class Mixer
{
    /// <summary>Mixes two texts.</summary>
    [Traced]
    public static string Mix(string a, string b) => new([a[0], b[0]]);

    /// <summary>Mixes a text with a trainable value.</summary>
    [Traced]
    public static string MixIn(string a, Parameter<string> p) => new([a[0], p.Value[0]]);

    /// <summary>Mixes a text with several trainable values at once.</summary>
    [Traced]
    public static string MixAll(string a, IReadOnlyList<Parameter<string>> ps) => new([a[0], .. ps.Select(p => p.Value[0])]);

    /// <summary>The next step of a long chain.</summary>
    [Traced]
    public static string Step(string text) => new([text[0], (char)('a' + (text.Length % 26))]);

    /// <summary>A chain of <paramref name="calls"/> calls that starts from a trainable value and ends with another.</summary>
    public static string Chain(Parameter<string> first, Parameter<string> last, int calls)
    {
        var text = MixIn(new string('s', 1), first);
        for (var i = 2; i < calls; i++) text = Step(text);
        return MixIn(text, last);
    }

    /// <summary>A hash of the text so far (a value that tokenizes finely).</summary>
    [Traced]
    public static string Hash(string text, int salt) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text[..Math.Min(8, text.Length)] + salt))).ToLowerInvariant();

    /// <summary>Mixes a text with a trainable list.</summary>
    [Traced]
    public static string MixList(string a, Parameter<List<string>> rules) => a[..1] + rules.Value.Count;
}
