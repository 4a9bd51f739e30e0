using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Calls into untraced code of another assembly built with Trace for .NET that are given an object holding
/// <c>[Trainable]</c> members (OPTO020). The generator reads the untraced helpers a traced body calls as part of that
/// body, but only those with source in the project: what a method of a referenced library reads is invisible to it, so a
/// trainable value read there is never a dependency of the call. Framework assemblies and others that do not reference
/// the runtime cannot know <c>[Trainable]</c>, and are left out.
/// </summary>
internal sealed class UnseenCode(TraceAttributes attributes)
{
    private const string RuntimeAssembly = "Opto";
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";
    private const string GeneratedCode = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _builtWithRuntime = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, string> _holds = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, string> _holdsStatic = new(SymbolEqualityComparer.Default);

    /// <summary>An object holding trainable members given to unseen code: the value, how it is written, the method and what the object holds.</summary>
    public sealed record Handed(IOperation At, string Value, IMethodSymbol Method, string Holds);

    /// <summary>
    /// The objects holding trainable members that <paramref name="operation"/> (a call, or a read of a computed property)
    /// gives to code the compiler cannot read, in a body of a method of <paramref name="owner"/> (whose object <c>this</c> is).
    /// </summary>
    public IEnumerable<Handed> Of(IOperation operation, INamedTypeSymbol owner)
    {
        var (method, receiver, arguments) = operation switch
        {
            IInvocationOperation call => (call.TargetMethod.ReducedFrom ?? call.TargetMethod, call.Instance, call.Arguments),
            IPropertyReferenceOperation { Property: { GetMethod: { } getter } property } read when !HelperReads.IsWrite(read) && attributes.Trainable(property) is null
                => (getter, read.Instance, read.Arguments),
            _ => (null, null, default),
        };
        if (method is null || !IsUnseen(method)) yield break;

        var handed = false;
        if (receiver is not null && !method.IsStatic)
        {
            var type = receiver is IInstanceReferenceOperation ? owner : receiver.Type;
            if (Holds(type) is { Length: > 0 } holds)
            {
                handed = true;
                yield return new Handed(operation, receiver.IsImplicit ? "this" : receiver.Syntax.ToString(), method, holds);
            }
        }

        foreach (var argument in arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
            if (Holds(value.Type) is not { Length: > 0 } holds) continue;
            handed = true;
            yield return new Handed(value.IsImplicit ? operation : value, value.Syntax.ToString(), method, holds);
        }

        // A static method of a class with static trainable members may read them, whatever it is given.
        if (!handed && method.IsStatic && HoldsStatic(method.ContainingType) is { Length: > 0 } statics)
        {
            yield return new Handed(operation, method.ContainingType.Name, method, statics);
        }
    }

    /// <summary>The method as its users write it: <c>Type.Method</c>, or <c>Type.Property</c> for a getter.</summary>
    public static string Name(IMethodSymbol method) => $"{method.ContainingType.Name}.{HelperReads.Name(method)}";

    // An untraced method of a referenced assembly built against the runtime, written by its author (not a compiler's or
    // the generator's member: an auto-property's getter reads its field, a generated member records or registers).
    private bool IsUnseen(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length > 0 || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet)) return false;
        if (method.ContainingAssembly is not { } assembly || IsTraceForDotNet(assembly.Name) || !BuiltWithRuntime(assembly)) return false;
        if (attributes.IsTracedOrOverridesTraced(method)) return false;
        return !HasAttribute(method, CompilerGenerated) && !IsGeneratorOutput(method.ContainingType);
    }

    // The runtime and its sibling packages (Opto.Providers, Opto.Training...) read trainable values through the registry, which links them.
    private static bool IsTraceForDotNet(string name) => name == RuntimeAssembly || name.StartsWith(RuntimeAssembly + ".", System.StringComparison.Ordinal);

    private bool BuiltWithRuntime(IAssemblySymbol assembly) =>
        _builtWithRuntime.GetOrAdd(assembly, static a => a.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == RuntimeAssembly)));

    private static bool IsGeneratorOutput(INamedTypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratedCode && a.ConstructorArguments.FirstOrDefault().Value is "Opto.Generators")) return true;
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    // What an object of this type holds, as the message says it ("the trainable 'PromptBook.Instruction'"); empty when nothing.
    private string Holds(ITypeSymbol? type) =>
        type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named ? "" : _holds.GetOrAdd(named, t => Describe((INamedTypeSymbol)t, statics: false));

    private string HoldsStatic(INamedTypeSymbol type) => _holdsStatic.GetOrAdd(type, t => Describe((INamedTypeSymbol)t, statics: true));

    private string Describe(INamedTypeSymbol type, bool statics)
    {
        var names = new List<string>();
        var holdsOthers = false;
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IFieldSymbol or IPropertySymbol && member.IsStatic == statics && attributes.Trainable(member) is not null) names.Add($"{t.Name}.{member.Name}");
            }

            // A type of another assembly that holds trainable objects (or private trainable members) has a generated TrainableParameters().
            holdsOthers |= !statics && t.DeclaringSyntaxReferences.Length == 0 && t.HasGeneratedTrainableParameters();
        }

        return names.Count switch
        {
            0 => holdsOthers ? "trainable values" : "",
            1 => $"the trainable '{names[0]}'",
            2 => $"the trainables '{names[0]}' and '{names[1]}'",
            _ => $"the trainables '{names[0]}', '{names[1]}' and {names.Count - 2} more",
        };
    }
}
