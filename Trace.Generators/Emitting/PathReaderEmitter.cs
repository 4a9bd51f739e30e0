using System.Collections.Generic;
using Opto.Generators.Model;

namespace Opto.Generators.Emitting;

/// <summary>
/// A lambda that reaches again the object whose trainable member was read on another object than the call's receiver:
/// from a root (the receiver, an argument, or nothing for a static first step), through fields and auto-properties only,
/// so no user code runs. A null anywhere along the path gives null.
/// </summary>
internal static class PathReaderEmitter
{
    /// <summary>The lambda (<c>static r => ...</c>); fields generated code cannot name are read through accessors added to <paramref name="accessors"/>.</summary>
    /// <param name="readers">The accessor made for each step so far, shared by the paths of one class.</param>
    /// <param name="prefix">The accessors' name before their number, unique in the class they are written in.</param>
    /// <param name="externModifiers"><c>extern</c>, or <c>safe extern</c> under the updated memory safety rules.</param>
    public static string Reader(AccessPathSpec path, Dictionary<PathStepSpec, string> readers, List<string> accessors, string prefix, string externModifiers = "extern")
    {
        var condition = new List<string>();
        var current = "r";
        if (path.Steps.Count == 0 || !path.Steps[0].IsStatic)
        {
            condition.Add($"r is {path.RootType} o0");
            current = "o0";
        }

        for (var i = 0; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            string read;
            if (step.Direct)
            {
                read = step.IsStatic ? $"{step.Container}.{Literals.Identifier(step.Name)}" : $"{current}.{Literals.Identifier(step.Name)}";
            }
            else
            {
                if (!readers.TryGetValue(step, out var name))
                {
                    name = $"{prefix}{readers.Count}";
                    readers.Add(step, name);
                    accessors.Add(
                        $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{(step.IsStatic ? "StaticField" : "Field")}, Name = {Literals.String(step.Name)})]\n" +
                        $"private static {externModifiers} ref {step.ValueType} {name}({step.Container} target);");
                }

                read = $"{name}({(step.IsStatic ? "default!" : current)})";
            }

            current = $"o{i + 1}";
            condition.Add($"{read} is {{ }} {current}");
        }

        return $"static r => {string.Join(" && ", condition)} ? {current} : null";
    }
}
