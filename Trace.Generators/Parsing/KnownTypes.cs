using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The framework and package types the generator compares symbols with, looked up once per compilation: each lookup
/// by metadata name searches every reference, and a large project asks thousands of times.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> s_byCompilation = new();

    private KnownTypes(Compilation compilation)
    {
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Enumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        KeyValuePair = compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair`2");
        CodeRegistration = compilation.GetTypeByMetadataName(Symbols.CodeRegistration);
    }

    public static KnownTypes Of(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    /// <summary><c>IEnumerable&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? KeyValuePair { get; }

    /// <summary>The code package's registration type: present when the project references Opto.Trace.Code.</summary>
    public INamedTypeSymbol? CodeRegistration { get; }
}
