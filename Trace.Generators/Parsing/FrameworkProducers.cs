using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Framework calls the generator intercepts to leave a node in the slot of their location, as a traced call leaves its
/// result's, so that glue made from what they return links: a text combiner's text (<see cref="Combiners"/>) and the text a
/// picker returns (<see cref="Pickers"/>). Their slots never keep the running call: every result of one cannot be told apart.
/// </summary>
internal static class FrameworkProducers
{
    /// <summary>Whether <paramref name="call"/> is such a producer.</summary>
    public static bool Is(IInvocationOperation call) => Combiners.IsGlueProducer(call) || Pickers.IsGlueProducer(call);
}
