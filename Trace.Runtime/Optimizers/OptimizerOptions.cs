namespace Opto.Optimizers;

/// <summary>
/// The settings every optimizer that asks a model shares: the output limit, the temperature, the prompt's token budget,
/// how answers are requested and checked, and retries.
/// </summary>
public abstract class OptimizerOptions
{
    /// <summary>The default objective.</summary>
    public const string DefaultObjective =
        "Change the values in #Variables to improve #Outputs according to #Feedback.";

    /// <summary>What the model should achieve; shown under #Instruction.</summary>
    public string Objective { get; set; } = DefaultObjective;

    /// <summary>The most tokens the model may write per request. Default 4096.</summary>
    public int? MaxOutputTokens { get; set; } = 4096;

    /// <summary>Sampling temperature; <see langword="null"/> leaves the model's default.</summary>
    public float? Temperature { get; set; }

    /// <summary>
    /// The longest value, in characters, shown for the inputs, intermediate values and outputs; longer ones are cut with
    /// a marker that says how much is missing. Variables are always shown whole: the model rewrites them. Default 2,000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxValueLength
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 2_000;

    /// <summary>
    /// The most tokens a request's prompt (system and user) may take. A problem that would exceed it is compacted: the
    /// variables, their constraints, the outputs and the feedback are always shown whole, and the other calls and values
    /// nearest the variables and the outputs are kept while they fit; the rest are replaced by markers saying how many
    /// calls were left out and which methods they were. No value is ever cut to fit (see <see cref="MaxValueLength"/> for that).
    /// <see langword="null"/> (the default): the model's context window when the chat client names a known model
    /// (128,000 tokens otherwise), less <see cref="MaxOutputTokens"/> (4,096 when that is not set); past steps beyond a
    /// quarter of it are left out, oldest first. <see cref="int.MaxValue"/>: no limit.
    /// OptoPrime and OptoPrimeMulti's candidates fit the problem to it (OptoPrimeMulti's refinement, alternatives, choice
    /// and synthesis requests add the candidates to that problem); OPRO leaves out its lowest-scored solutions to fit.
    /// TextGrad's requests each show one call or one variable and are not fitted: values other than the variables are cut at
    /// <see cref="MaxValueLength"/>, and a request the model's window cannot hold fails with the server's error.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? MaxPromptTokens
    {
        get;
        set
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), value, "MaxPromptTokens must be positive (int.MaxValue for no limit, null for the model's window).");
            field = value;
        }
    }

    /// <summary>
    /// Counts the tokens of a text, for <see cref="MaxPromptTokens"/>. <see langword="null"/> (the default): an estimate
    /// that errs high (a third of a token per ASCII character, one per other character); give the model's tokenizer
    /// (for example Microsoft.ML.Tokenizers' <c>TiktokenTokenizer.CountTokens</c>) to use the window fully.
    /// </summary>
    public Func<string, int>? CountTokens { get; set; }

    /// <summary>The longest suggested value accepted, in characters of JSON. Default 100,000.</summary>
    public int MaxSuggestionLength { get; set; } = 100_000;

    /// <summary>Whether to request JSON-schema structured output. Default <see cref="StructuredOutputMode.Auto"/>.</summary>
    public StructuredOutputMode StructuredOutput { get; set; } = StructuredOutputMode.Auto;

    /// <summary>Retries for transient failures.</summary>
    public RetryOptions Retry { get; set; } = new();
}
