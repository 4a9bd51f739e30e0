using System.Text;

namespace Opto.Training;

/// <summary>Fills a guide's feedback template: <c>{input}</c>, <c>{expected}</c>, <c>{output}</c> and <c>{id}</c> become the example's values.</summary>
internal static class FeedbackTemplate
{
    private const int MaxValueLength = 2000;

    public static string Fill<TInput, TExpected, TOutput>(string template, Example<TInput, TExpected> example, TOutput output) =>
        new StringBuilder(template)
            .Replace("{input}", ValueText.Format(example.Input, MaxValueLength))
            .Replace("{expected}", ValueText.Format(example.Expected, MaxValueLength))
            .Replace("{output}", ValueText.Format(output, MaxValueLength))
            .Replace("{id}", example.Id ?? "")
            .ToString();
}
