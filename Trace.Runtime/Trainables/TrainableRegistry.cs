using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Opto.Interception;

/// <summary>
/// The <c>[Trainable]</c> fields and properties of every type and the members through which types hold other objects,
/// registered by generated module initializers, and the parameter nodes of each object that has them. No reflection is involved.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrainableRegistry
{
    private static readonly ConcurrentDictionary<Type, TrainableMember[]> s_declared = new();
    private static readonly ConcurrentDictionary<Type, TrainableMember[]> s_byRuntimeType = new();
    private static readonly ConditionalWeakTable<object, ParameterNode[]> s_instances = new();
    private static readonly ConcurrentDictionary<TrainableMember, ParameterNode> s_statics = new();
    private static readonly ConcurrentDictionary<Type, HeldMember[]> s_declaredHeld = new();
    private static readonly ConcurrentDictionary<Type, HeldMember[]> s_heldByRuntimeType = new();

    /// <summary>Registers the trainable members a type declares. Called by generated code.</summary>
    public static void Register(Type type, params TrainableMember[] members)
    {
        s_declared[type] = members;
        s_byRuntimeType.Clear();
    }

    /// <summary>Registers the members through which a type holds objects that may have trainable parameters. Called by generated code.</summary>
    public static void RegisterHeld(Type type, params HeldMember[] members)
    {
        s_declaredHeld[type] = members;
        s_heldByRuntimeType.Clear();
    }

    /// <summary>
    /// The trainable parameters of an object and, recursively, of the objects it holds: its own and its base types'
    /// trainable members (static ones included), then those of each held object in member order, each object once.
    /// </summary>
    public static IReadOnlyList<ParameterNode> ParametersOf(object instance) => ParametersOf(instance, null);

    /// <summary>
    /// The trainable parameters of an object and of the objects it holds, each named by its path from the object
    /// (<c>Agent.Planner.Prompt</c>, <c>Agent.Tools[2].Description</c>, <c>Agent.Experts["math"].Prompt</c>). The names are
    /// given to the parameter nodes now, so a list that changed since the last call is named by its current positions.
    /// </summary>
    /// <param name="instance">The object.</param>
    /// <param name="name">The first segment of every path; by default the name of the type that declares the object's member.</param>
    public static IReadOnlyList<ParameterNode> ParametersOf(object instance, string? name)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (name is not null) ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Traverse(instance, name);
    }

    /// <summary>The parameters of a type's static trainable members.</summary>
    public static IReadOnlyList<ParameterNode> StaticParametersOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return [.. MembersOf(type).Where(m => m.IsStatic).Select(StaticParameter)];
    }

    internal static ParameterNode? Find(object? receiver, TrainableDependency dependency)
    {
        if (receiver is not null)
        {
            // The most derived class's member first: an override or a re-implementation is what a read through the base runs.
            var parameters = InstanceParameters(receiver);
            for (var i = parameters.Length - 1; i >= 0; i--)
            {
                if (parameters[i].DeclaredBy is { } member && member.Answers(dependency.DeclaringType, dependency.MemberName)) return parameters[i];
            }
        }

        if (s_declared.TryGetValue(dependency.DeclaringType, out var declared))
        {
            foreach (var member in declared)
            {
                if (member.IsStatic && member.Name == dependency.MemberName) return StaticParameter(member);
            }
        }

        return null;
    }

    // Depth first, in member order, as PyTorch lists a module's parameters: an object reached twice (shared, or a cycle)
    // is listed once, under its first path. Iterative, so deep chains of objects do not exhaust the stack.
    private static List<ParameterNode> Traverse(object root, string? rootName)
    {
        var result = new List<ParameterNode>();
        var listed = new HashSet<ParameterNode>(ReferenceEqualityComparer.Instance);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance) { root };
        var pending = new Stack<(object Owner, string? Path)>();
        pending.Push((root, null));
        var children = new List<(object Child, string Segment)>();
        var next = new List<(object Owner, string? Path)>();
        while (pending.Count > 0)
        {
            var (owner, path) = pending.Pop();
            if (owner is Node node)
            {
                // An explicit Parameter<T> the object holds: listed under the name it was given.
                if (node is ParameterNode held && listed.Add(held))
                {
                    usedNames.Add(held.Name);
                    result.Add(held);
                }

                continue;
            }

            foreach (var parameter in InstanceParameters(owner))
            {
                if (!listed.Add(parameter)) continue;
                if (parameter is MemberParameter { Member.IsStatic: false } member)
                {
                    // Statics and code belong to the type, not to a path: they keep Type.Member.
                    member.Rename(Unique(usedNames, $"{path ?? rootName ?? TypeName(member.Member.DeclaringType)}.{member.Member.Name}"));
                }
                else
                {
                    usedNames.Add(parameter.Name);
                }

                result.Add(parameter);
            }

            next.Clear();
            foreach (var held in HeldMembersOf(owner.GetType()))
            {
                children.Clear();
                held.AddChildren(owner, children);
                var prefix = $"{path ?? rootName ?? TypeName(held.DeclaringType)}.{held.Name}";
                foreach (var (child, segment) in children)
                {
                    if (visited.Add(child)) next.Add((child, prefix + segment));
                }
            }

            for (var i = next.Count - 1; i >= 0; i--) pending.Push(next[i]);
        }

        return result;
    }

    // Paths are unique by construction, except where a derived type hides a member of its base with one of the same
    // name, or two dictionary keys print alike: later ones get a suffix.
    private static string Unique(HashSet<string> used, string name)
    {
        if (used.Add(name)) return name;
        for (var k = 2; ; k++)
        {
            var candidate = $"{name}#{k.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (used.Add(candidate)) return candidate;
        }
    }

    private static string TypeName(Type type) => TypeNames.Display(type, qualified: false);

    private static ParameterNode[] InstanceParameters(object instance) =>
        s_instances.GetValue(instance, static o => Array.ConvertAll(
            MembersOf(o.GetType()),
            m => m.IsStatic ? StaticParameter(m) : new MemberParameter(m, o, ParameterName(m))));

    private static ParameterNode StaticParameter(TrainableMember member) =>
        s_statics.GetOrAdd(member, static m => m is CodeMember code
            ? code.CreateParameter(ParameterName(m))
            : new MemberParameter(m, null, ParameterName(m)));

    private static string ParameterName(TrainableMember member) => $"{TypeName(member.DeclaringType)}.{member.Name}";

    private static TrainableMember[] MembersOf(Type runtimeType) =>
        s_byRuntimeType.GetOrAdd(runtimeType, static type =>
        {
            var chain = new List<Type>();
            for (var t = type; t is not null; t = t.BaseType) chain.Add(t);
            chain.Reverse();
            return [.. chain.SelectMany(t => s_declared.TryGetValue(t, out var m) ? m : [])];
        });

    private static HeldMember[] HeldMembersOf(Type runtimeType) =>
        s_heldByRuntimeType.GetOrAdd(runtimeType, static type =>
        {
            var chain = new List<Type>();
            for (var t = type; t is not null; t = t.BaseType) chain.Add(t);
            chain.Reverse();
            return [.. chain.SelectMany(t => s_declaredHeld.TryGetValue(t, out var m) ? m : [])];
        });
}
