using Opto;

namespace Trace.Runtime.Tests.Fixtures;

public enum Tone
{
    Casual,
    Formal,
}

public sealed record Pricing(decimal Discount, bool FreeShipping);

/// <summary>An agent with trainable values of every kind the optimizer converts to.</summary>
public class ShopAgent
{
    [Trainable("The system prompt the agent replies with.", Constraint = "One or two sentences.")]
    public string SystemPrompt { get; set; } = "You are a sales agent.";

    [Trainable("Words kept in a reply.")]
    public int MaxWords { get; set; } = 5;

    [Trainable("How formal the agent is.")]
    public Tone Tone { get; set; } = Tone.Casual;

    [Trainable("Products the agent may recommend.")]
    public List<string> Products { get; set; } = ["laptop"];

    [Trainable("Discount and shipping rule.")]
    public Pricing Pricing { get; set; } = new(0.1m, true);

    [Trainable("Whether to suggest a more expensive product.")]
    public bool UpSell { get; set; }

    [Trainable("Sampling temperature.")]
    public double Temperature { get; set; } = 0.5;

    /// <summary>Answers a customer using the system prompt and the products.</summary>
    [Traced]
    public string Reply(string customer) => $"{SystemPrompt} ({Tone}) We have {string.Join(", ", Products)} for {customer}.";

    /// <summary>Looks a product up; the token is plumbing, not data.</summary>
    [Traced]
    public async Task<string> LookupAsync(string product, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return product + " in stock";
    }

    /// <summary>Answers a customer once <paramref name="gate"/> completes (a call still running while its caller goes on).</summary>
    [Traced]
    public async Task<string> ReplyWhenAsync(Task gate, string customer)
    {
        await gate;
        return $"{SystemPrompt} Later, {customer}.";
    }

    /// <summary>Keeps the first words of a reply.</summary>
    [Traced]
    public string Shorten(string reply) => string.Join(' ', reply.Split(' ').Take(MaxWords));
}
