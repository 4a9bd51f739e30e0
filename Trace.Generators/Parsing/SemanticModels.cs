using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The semantic models a parse binds with: one per tree, so a body two analyses read is bound once. Models bind without
/// nullable analysis, which costs about half of binding a body and which reading declared types does not need; the calls'
/// parser asks for it (<see cref="WithFlowNullability"/>) in members that call generic traced methods or methods of
/// generic types, whose type arguments the compiler may infer with a nullability the interceptor's signature must repeat.
/// </summary>
/// <remarks>
/// In a build the calls' parser runs first, and its models are kept with the compilation: a traced method whose body
/// holds traced calls (most methods, in code traced throughout) was bound there already, whole, so the methods' parse
/// reads that body from the model that bound it instead of binding it a second time. Safe to use from several threads.
/// </remarks>
internal sealed class SemanticModels
{
    private static readonly ConditionalWeakTable<Compilation, Shared> s_shared = new();
    private static bool s_optionsUnavailable;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _nullableModels = new();
    private readonly Compilation _compilation;
    private readonly bool _forCalls;

    private SemanticModels(Compilation compilation, bool forCalls)
    {
        _compilation = compilation;
        _forCalls = forCalls;
    }

    /// <summary>The models of the calls' parser, kept for the parses that run after it.</summary>
    public static SemanticModels ForCalls(Compilation compilation) => new(compilation, forCalls: true);

    /// <summary>The models of the methods' parse: its own, or those of the calls' parser (see <see cref="ForDeclaration"/>).</summary>
    public static SemanticModels ForMethods(Compilation compilation) => new(compilation, forCalls: false);

    /// <summary>
    /// Lets the calls' models go once the methods' parse has read them: they hold every body they bound, which the
    /// collector would otherwise walk for the rest of the build.
    /// </summary>
    public static void Release(Compilation compilation) => s_shared.Remove(compilation);

    /// <summary>Notes that the calls' parser binds (part of) this member's body with <paramref name="model"/>, which binds all of it.</summary>
    public void NoteBinding(SyntaxNode member, SemanticModel model) => SharedOf(_compilation).BoundMembers.TryAdd(member, model);

    public SemanticModel For(SyntaxTree tree) => _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, Create(tree));

    /// <summary>A model of the calls' parser that runs the compiler's nullable analysis on the bodies it binds.</summary>
    public SemanticModel WithFlowNullability(SyntaxTree tree) =>
        _nullableModels.TryGetValue(tree, out var model) ? model : _nullableModels.GetOrAdd(tree, _compilation.GetSemanticModel(tree));

    /// <summary>
    /// The model to bind a member's body with while <paramref name="declaration"/> is read: for the declaration itself,
    /// the calls' model that bound its body already, if one did, or else a model of its own, which the collector takes back
    /// with the body once the declaration is read (kept for every file, such models kept the whole project's bodies bound
    /// to the end of the parse, and the collector copying them was a third of its time); for other members (helpers read
    /// with it), this parse's models, shared by the declarations that read the same helpers.
    /// </summary>
    public Func<SyntaxNode, SemanticModel> ForDeclaration(SyntaxNode declaration)
    {
        SemanticModel? own = null;
        return member =>
        {
            if (member != declaration) return For(member.SyntaxTree);
            if (own is not null) return own;
            own = !_forCalls && s_shared.TryGetValue(_compilation, out var shared) && shared.BoundMembers.TryGetValue(declaration, out var bound)
                ? bound
                : WithoutNullableAnalysis(_compilation, declaration.SyntaxTree);
            return own;
        };
    }

    private SemanticModel Create(SyntaxTree tree)
    {
        var model = WithoutNullableAnalysis(_compilation, tree);
        return _forCalls ? SharedOf(_compilation).Models.GetOrAdd(tree, model) : model;
    }

    /// <summary>The calls' parser's model of <paramref name="tree"/>, for a reading that binds what the parser binds.</summary>
    public static SemanticModel SharedModel(Compilation compilation, SyntaxTree tree) =>
        SharedOf(compilation).Models.GetOrAdd(tree, t => WithoutNullableAnalysis(compilation, t));

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

        public ConcurrentDictionary<SyntaxNode, SemanticModel> BoundMembers { get; } = new();
    }
}
