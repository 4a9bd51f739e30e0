using System.Collections.Generic;
using System.Linq;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Decides, once every class of the project is known, which held members are followed and which types get a
/// <c>TrainableParameters()</c> extension.
/// </summary>
/// <remarks>
/// A class <em>has parameters</em> when it (or a base class) declares trainable members, or holds a followed member.
/// A member is followed when the type of what it holds (the element type for collections) declares or inherits
/// trainable members, has parameters, or is a base class or interface of the project that a class with parameters
/// derives from or implements (the object's runtime type then decides, at run time). Plain data: no symbols.
/// </remarks>
internal static class Composition
{
    public static (IReadOnlyList<HolderTypeSpec> Holders, IReadOnlyList<ParameterOwnerSpec> Owners) Resolve(
        IReadOnlyList<HolderTypeSpec> types, IReadOnlyList<TrainableMemberSpec> trainable)
    {
        var byType = new Dictionary<string, HolderTypeSpec>(System.StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!byType.ContainsKey(type.Type)) byType.Add(type.Type, type);
        }

        var hasParameters = new HashSet<string>(trainable.Where(m => !m.ContainingTypeIsStatic).Select(m => m.ContainingType), System.StringComparer.Ordinal);
        hasParameters.UnionWith(byType.Values.Where(t => t.DeclaresTrainable).Select(t => t.Type));

        // Each round adds the classes that hold (or derive from) a class found so far; a fixed point ends it.
        var followable = new HashSet<string>(System.StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            followable.Clear();
            foreach (var type in hasParameters)
            {
                followable.Add(type);
                if (!byType.TryGetValue(type, out var spec)) continue;
                followable.UnionWith(spec.BaseTypes);
                followable.UnionWith(spec.Interfaces);
            }

            foreach (var type in byType.Values)
            {
                if (hasParameters.Contains(type.Type)) continue;
                if (type.BaseTypes.Any(hasParameters.Contains) || type.Members.Any(m => Followed(m, followable)))
                {
                    hasParameters.Add(type.Type);
                    changed = true;
                }
            }
        }

        var holders = new List<HolderTypeSpec>();
        foreach (var type in byType.Values.OrderBy(t => t.Type, System.StringComparer.Ordinal))
        {
            var followed = type.Members.Where(m => Followed(m, followable)).ToEquatableArray();
            if (followed.Count > 0) holders.Add(type with { Members = followed });
        }

        var owners = trainable.Where(m => !m.ContainingTypeIsStatic)
            .Select(m => new ParameterOwnerSpec(m.ContainingType, m.ContainingTypeName, m.Namespace, m.ContainingTypeIsPublic, m.TypeContext))
            .Concat(holders.Select(h => new ParameterOwnerSpec(h.Type, h.TypeName, h.Namespace, h.IsPublic, h.TypeContext)))
            .GroupBy(o => o.Type, System.StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(o => o.Type, System.StringComparer.Ordinal)
            .ToList();
        return (holders, owners);
    }

    private static bool Followed(HeldMemberSpec member, HashSet<string> followable) => member.ElementIsTrainable || followable.Contains(member.ElementType);
}
