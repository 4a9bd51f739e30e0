using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// What a local is set to where it is declared, when that is its only value and <paramref name="read"/> its only use
    /// (<c>var relevant = docs.Where(...); foreach (var d in relevant)</c>): the read is that value, used once.
    /// </summary>
    public static IOperation? HeldOnlyFor(ILocalReferenceOperation read) =>
        EnclosingFunction(read) is { } function && ValueSetOnce(read.Local, function) is { } value
        && LocalsOf(Root(function)).TryGetValue(read.Local, out var use) && use.References.Count == 1 && ReferenceEquals(use.References[0], read)
            ? value
            : null;

    /// <summary>The only use of the local <paramref name="declared"/> declares, when it is set there and nowhere else (see <see cref="HeldOnlyFor"/>).</summary>
    public static ILocalReferenceOperation? OnlyUseOf(IVariableDeclaratorOperation declared) =>
        EnclosingFunction(declared) is { } function && LocalsOf(Root(function)).TryGetValue(declared.Symbol, out var use) && use.References.Count == 1
        && HeldOnlyFor(use.References[0]) is not null
            ? use.References[0]
            : null;
}
