using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The framework and package types the generator compares symbols with, recognized by name: a lookup by metadata name
/// searches every reference, and the first ones in a compilation cost tens of milliseconds of a build.
/// </summary>
internal static class KnownTypes
{
    /// <summary>The runtime's assembly, which declares the attributes: without it no method can be traced.</summary>
    public const string RuntimeAssembly = "Opto";

    /// <summary>The code package's assembly: present when the project references Opto.Trace.Code.</summary>
    public const string CodeAssembly = "Opto.Code";

    public static bool IsTask(ITypeSymbol type) => Is(type, "Task", 0, "System", "Threading", "Tasks");

    public static bool IsTaskOfT(ITypeSymbol type) => Is(type, "Task", 1, "System", "Threading", "Tasks");

    public static bool IsValueTask(ITypeSymbol type) => Is(type, "ValueTask", 0, "System", "Threading", "Tasks");

    public static bool IsValueTaskOfT(ITypeSymbol type) => Is(type, "ValueTask", 1, "System", "Threading", "Tasks");

    /// <summary>What awaiting a value of <paramref name="type"/> gives (<c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>); the type itself otherwise.</summary>
    public static ITypeSymbol? Awaited(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } task && (IsTaskOfT(task) || IsValueTaskOfT(task)) ? task.TypeArguments[0] : type;

    /// <summary><c>IEnumerable&lt;T&gt;</c>, constructed or not.</summary>
    public static bool IsEnumerableOfT(ITypeSymbol type) => type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    public static bool IsKeyValuePair(ITypeSymbol type) => Is(type, "KeyValuePair", 2, "System", "Collections", "Generic");

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "CancellationToken", 0, "System", "Threading");

    /// <summary>
    /// Whether the target framework's core library has <c>UnsafeAccessorTypeAttribute</c> (.NET 10 on), with which an
    /// <c>UnsafeAccessor</c> names the type it reaches as text: a static class, which no parameter can have as its type.
    /// A project's own attribute of that name would be ignored by an older runtime, so only the core library's counts.
    /// </summary>
    public static bool HasUnsafeAccessorType(Compilation compilation) =>
        compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute") is not null;

    /// <summary>Whether the project references the code package (or is it).</summary>
    public static bool HasCodePackage(Compilation compilation) => Includes(compilation, CodeAssembly);

    /// <summary>Whether the compilation is the assembly named <paramref name="assembly"/> or references it.</summary>
    public static bool Includes(Compilation compilation, string assembly) =>
        compilation.AssemblyName == assembly || compilation.ReferencedAssemblyNames.Any(a => a.Name == assembly);

    private static bool Is(ITypeSymbol type, string name, int arity, params string[] namespaces)
    {
        if (type is not INamedTypeSymbol { ContainingType: null } named || named.Name != name || named.Arity != arity) return false;
        var current = named.ContainingNamespace;
        for (var i = namespaces.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != namespaces[i]) return false;
            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}
