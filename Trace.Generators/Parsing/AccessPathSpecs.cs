using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>An access path as generated code reads it again, and what naming its types and members needs.</summary>
internal static class AccessPathSpecs
{
    /// <param name="path">The path the compiler followed (at least one step, or an argument).</param>
    /// <param name="named">Given each type and member the generated reader names, for the call's context.</param>
    public static AccessPathSpec Of(AccessPaths.Path path, Action<ISymbol> named)
    {
        var steps = Specs(path.CollectionSteps, named);
        var rootType = path.Argument is { } argument ? HolderParser.Key(argument.Type) : steps.Count > 0 ? steps[0].Container : "object";
        AccessPathSpec? elementPath = null;
        if (path.ElementSteps.Count > 0 && path.ElementType is { } elementType)
        {
            named(elementType);
            elementPath = new AccessPathSpec(null, HolderParser.Key(elementType), Specs(path.ElementSteps, named).ToEquatableArray());
        }

        return new AccessPathSpec(path.Argument?.Name, rootType, steps.ToEquatableArray(), path.Elements, elementPath);
    }

    private static List<PathStepSpec> Specs(IReadOnlyList<AccessPaths.Step> path, Action<ISymbol> named)
    {
        var steps = new List<PathStepSpec>(path.Count);
        foreach (var step in path)
        {
            named(step.Member);
            named(step.Container);
            named(step.Type);
            steps.Add(new PathStepSpec(HolderParser.Key(step.Container), step.Type.Qualified(), step.MetadataName, step.Direct, step.IsStatic));
        }

        return steps;
    }
}
