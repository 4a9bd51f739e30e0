using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Opto.Optimizers;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// The default token estimate must not count fewer tokens than a real tokenizer (o200k_base), whatever the text, or a
/// prompt within MaxPromptTokens by estimate would be over it in fact; and it must not waste most of the window on
/// ordinary text.
/// </summary>
public class TokenEstimateTests
{
    private static readonly TiktokenTokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private static IEnumerable<TestCaseData> Texts()
    {
        var random = new Random(7);
        yield return new TestCaseData("English prose", Repeat("The customer says the reply repeats itself and never answers the question about cash. We are sorry for the delay; your card will work again tomorrow morning. ", 40));
        yield return new TestCaseData("C# source", Repeat("public static string Join(string a, string b) => a.Length >= b.Length ? a : b; // picks the longer\nvar total = items.Where(i => i.Price > 10).Sum(i => i.Price * 1.2m);\n", 40));
        yield return new TestCaseData("a problem's #Code", Repeat("refine12 = Refine(draft=draft11)  // reads SupportPipeline.MaxWords, SupportPipeline.Style\n(string) refine12=\"[Plain word] You are a support agent\"\n", 40));
        yield return new TestCaseData("SHA-256 hex", string.Join("\n", Enumerable.Range(0, 60).Select(i => Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(i))).ToLowerInvariant())));
        yield return new TestCaseData("base64 of random bytes", Convert.ToBase64String(Bytes(random, 3000)));
        yield return new TestCaseData("GUIDs", string.Join(", ", Enumerable.Range(0, 100).Select(i => new Guid(Bytes(random, 16)).ToString())));
        yield return new TestCaseData("numeric JSON", JsonSerializer.Serialize(Enumerable.Range(0, 200).Select(i => new { id = i * 7919, score = i / 7.0, ok = i % 3 == 0 })));
        yield return new TestCaseData("long numbers", string.Join(" ", Enumerable.Range(0, 200).Select(i => (i * 982451653L).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        yield return new TestCaseData("common Chinese", Repeat("客户说回复重复了，而且从来没有回答关于现金的问题。", 30));
        yield return new TestCaseData("rare CJK", "龘靐齉爩鱻麤龗灪籱鸾䲜䨻𪚥");
        yield return new TestCaseData("emoji", Repeat("🎉👍🏽🚀 done ✅ ", 30));
        yield return new TestCaseData("accented Latin", Repeat("Le client dit que la réponse se répète et n'évoque jamais l'argent liquide. Ça coûte cher. ", 30));
        yield return new TestCaseData("JSON-escaped Unicode", JsonSerializer.Serialize(Repeat("Ünïcödé ñ 中文 ", 20)));
        yield return new TestCaseData("URLs", Repeat("https://example.com/api/v2/orders?id=81723&token=aZ9kQ2xP&sort=desc ", 30));
    }

    [TestCaseSource(nameof(Texts))]
    public void The_estimate_is_never_below_the_real_count(string kind, string text)
    {
        var real = s_o200k.CountTokens(text);
        var estimate = TokenEstimate.Count(text);

        Assert.That(estimate, Is.GreaterThanOrEqualTo(real), $"{kind}: estimate {estimate}, o200k {real}");
        TestContext.Out.WriteLine($"{kind}: estimate {estimate}, o200k {real}, ratio {(double)estimate / real:F2}");
    }

    [TestCase("English prose")]
    [TestCase("C# source")]
    [TestCase("a problem's #Code")]
    public void Ordinary_text_is_not_overcounted_more_than_twice(string kind)
    {
        var text = (string)Texts().Single(t => (string)t.Arguments[0]! == kind).Arguments[1]!;

        Assert.That(TokenEstimate.Count(text), Is.LessThanOrEqualTo(2 * s_o200k.CountTokens(text)));
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
