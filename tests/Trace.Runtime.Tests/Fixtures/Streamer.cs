using System.Runtime.CompilerServices;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A model that answers chunk by chunk: traced iterators, sync and async.</summary>
public class Streamer
{
    [Trainable("How to answer.")]
    public string Style { get; set; } = "Brief";

    /// <summary>How far each stream got, and whether it was disposed.</summary>
    public List<string> Log { get; } = [];

    [Traced]
    public IEnumerable<string> Chunks(string question, int count, bool failAfter = false)
    {
        Log.Add("started");
        try
        {
            for (var i = 0; i < count; i++) yield return $"{Style} {question} {i}";
            if (failAfter) throw new InvalidOperationException("The model stopped.");
        }
        finally
        {
            Log.Add("disposed");
        }
    }

    [Traced]
    public async IAsyncEnumerable<string> ChunksAsync(string question, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return $"{Style} {question} {i}";
        }
    }

    [Traced]
    public IEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++) yield return i + Style.Length;
    }

    [Traced]
    public IEnumerable<string> Kept(List<string> kept) => kept;

    [Traced]
    public string Echo(string chunk) => chunk + ".";

    [Trainable("The tone of each phrase.")]
    public string Tone { get; set; } = "Calm";

    /// <summary>Each phrase is made by a traced call the iterator's body makes as the sequence is read.</summary>
    [Traced]
    public IEnumerable<string> Phrases(string topic, int count)
    {
        for (var i = 0; i < count; i++) yield return Phrase($"{topic} {i}");
    }

    [Traced]
    public async IAsyncEnumerable<string> PhrasesAsync(string topic, int count)
    {
        for (var i = 0; i < count; i++)
        {
            // The phrase is made after the step has returned its task: in the continuation.
            await Task.Yield();
            yield return Phrase($"{topic} {i}");
        }
    }

    [Traced]
    public string Phrase(string topic) => $"{Tone} {topic}";

    /// <summary>A phrase made with the tone, then one made with the style.</summary>
    [Traced]
    public IEnumerable<string> Mixed(string topic)
    {
        yield return Phrase(topic);
        yield return Styled(topic);
    }

    [Traced]
    public string Styled(string topic) => $"{Style} {topic}";

    [Traced]
    public string Joined(IEnumerable<string> parts) => string.Join(" / ", parts);
}
