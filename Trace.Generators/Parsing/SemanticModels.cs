using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The semantic models a parse binds with: one per tree, so a body two analyses read is bound once. A parse that
/// reads only declared types (a traced method's dependencies and leaf check) binds without nullable analysis, which
/// costs about a third of binding a body; the calls' parser keeps it, because a generic call's inferred type arguments
/// carry their nullability into the interceptor's signature.
/// </summary>
/// <remarks>
/// In a build the calls' parser runs first, and its models are kept with the compilation: a traced method whose body
/// holds traced calls (most methods, in code traced throughout) was bound there already, whole, so the methods' parse
/// reads that body from the calls' model instead of binding it a second time. Safe to use from several threads.
/// </remarks>
internal sealed class SemanticModels
{
    private static readonly ConditionalWeakTable<Compilation, Shared> s_shared = new();
    private static bool s_optionsUnavailable;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly Compilation _compilation;
    private readonly bool _forCalls;

    private SemanticModels(Compilation compilation, bool forCalls)
    {
        _compilation = compilation;
        _forCalls = forCalls;
    }

    /// <summary>The models of the calls' parser: with nullable analysis, kept for the parses that run after it.</summary>
    public static SemanticModels ForCalls(Compilation compilation) => new(compilation, forCalls: true);

    /// <summary>The models of the methods' parse: without nullable analysis, or those of the calls' parser (see <see cref="ForDeclaration"/>).</summary>
    public static SemanticModels ForMethods(Compilation compilation) => new(compilation, forCalls: false);

    /// <summary>
    /// Lets the calls' models go once the methods' parse has read them: they hold every body they bound, which the
    /// collector would otherwise walk for the rest of the build.
    /// </summary>
    public static void Release(Compilation compilation) => s_shared.Remove(compilation);

    /// <summary>Notes that the calls' parser binds (part of) this member's body, which binds all of it.</summary>
    public void NoteBinding(SyntaxNode member) => SharedOf(_compilation).BoundMembers.TryAdd(member, 0);

    public SemanticModel For(SyntaxTree tree) => _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, Create(tree));

    /// <summary>
    /// The models to read <paramref name="declaration"/> with: the calls' model of its tree when the calls' parser bound
    /// its body already, this parse's own models otherwise.
    /// </summary>
    public Func<SyntaxTree, SemanticModel> ForDeclaration(SyntaxNode declaration)
    {
        if (!_forCalls && s_shared.TryGetValue(_compilation, out var shared) && shared.BoundMembers.ContainsKey(declaration)
            && shared.Models.TryGetValue(declaration.SyntaxTree, out var bound))
        {
            return tree => tree == declaration.SyntaxTree ? bound : For(tree);
        }

        return For;
    }

    private SemanticModel Create(SyntaxTree tree) =>
        _forCalls ? SharedOf(_compilation).Models.GetOrAdd(tree, _compilation.GetSemanticModel(tree)) : WithoutNullableAnalysis(_compilation, tree);

    private static Shared SharedOf(Compilation compilation) => s_shared.GetValue(compilation, static _ => new Shared());

    private static SemanticModel WithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
        if (!s_optionsUnavailable)
        {
            try
            {
                return DisableNullableAnalysis(compilation, tree);
            }
            catch (MissingMethodException)
            {
                // A compiler without the option (it is marked for evaluation): bind as the compiler does by default.
                s_optionsUnavailable = true;
            }
        }

        return compilation.GetSemanticModel(tree);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel DisableNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // Public and unchanged from Roslyn 4.9 to 5.0; its absence is handled above.
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }

    /// <summary>What the calls' parser leaves for the parses after it, for one compilation.</summary>
    private sealed class Shared
    {
        public ConcurrentDictionary<SyntaxTree, SemanticModel> Models { get; } = new();

        public ConcurrentDictionary<SyntaxNode, byte> BoundMembers { get; } = new();
    }
}
