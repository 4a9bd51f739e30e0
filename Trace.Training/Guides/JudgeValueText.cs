using System.Text.Json;

namespace Opto.Training;

/// <summary>How an LLM judge's prompt shows a value: text as it is, numbers and flags as written, anything else as JSON.</summary>
internal static class JudgeValueText
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    public static string Format(object? value)
    {
        if (value is null or string or bool or IFormattable) return ValueText.Format(value, int.MaxValue);
        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), s_indented);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            // A value JSON cannot show (a cycle, a delegate): its text is better than no judgement.
            return ValueText.Format(value, int.MaxValue);
        }
    }
}
