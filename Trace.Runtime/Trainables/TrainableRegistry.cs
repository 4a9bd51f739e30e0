using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Opto.Interception;

/// <summary>
/// The <c>[Trainable]</c> fields and properties of every type, registered by generated module initializers,
/// and the parameter nodes of each object that has them. No reflection is involved.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrainableRegistry
{
    private static readonly ConcurrentDictionary<Type, TrainableMember[]> s_declared = new();
    private static readonly ConcurrentDictionary<Type, TrainableMember[]> s_byRuntimeType = new();
    private static readonly ConditionalWeakTable<object, ParameterNode[]> s_instances = new();
    private static readonly ConcurrentDictionary<TrainableMember, ParameterNode> s_statics = new();

    /// <summary>Registers the trainable members a type declares. Called by generated code.</summary>
    public static void Register(Type type, params TrainableMember[] members)
    {
        s_declared[type] = members;
        s_byRuntimeType.Clear();
    }

    /// <summary>The trainable parameters of an object: its own and its base types' trainable members, static ones included.</summary>
    public static IReadOnlyList<ParameterNode> ParametersOf(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return InstanceParameters(instance);
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
            foreach (var parameter in InstanceParameters(receiver))
            {
                var member = parameter switch
                {
                    MemberParameter m => m.Member,
                    Opto.Code.CodeParameter c => c.Member,
                    _ => null,
                };
                if (member is null) continue;
                if (member.DeclaringType == dependency.DeclaringType && member.Name == dependency.MemberName) return parameter;
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

    private static ParameterNode[] InstanceParameters(object instance) =>
        s_instances.GetValue(instance, static o => Array.ConvertAll(
            MembersOf(o.GetType()),
            m => m.IsStatic ? StaticParameter(m) : new MemberParameter(m, o, ParameterName(m))));

    private static ParameterNode StaticParameter(TrainableMember member) =>
        s_statics.GetOrAdd(member, static m => m is Opto.Code.CodeMember code
            ? new Opto.Code.CodeParameter(code, ParameterName(m))
            : new MemberParameter(m, null, ParameterName(m)));

    private static string ParameterName(TrainableMember member) => $"{TypeNames.Display(member.DeclaringType, qualified: false)}.{member.Name}";

    private static TrainableMember[] MembersOf(Type runtimeType) =>
        s_byRuntimeType.GetOrAdd(runtimeType, static type =>
        {
            var chain = new List<Type>();
            for (var t = type; t is not null; t = t.BaseType) chain.Add(t);
            chain.Reverse();
            return [.. chain.SelectMany(t => s_declared.TryGetValue(t, out var m) ? m : [])];
        });
}
