using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The semantic models one parse binds with: one per tree, so a body two analyses read is bound once, and without
/// nullable analysis, which the parsers never read (types come from declarations; inferred ones are written without
/// annotations) and which costs about as much as binding the body itself.
/// </summary>
internal sealed class SemanticModels(Compilation compilation)
{
    private static bool s_optionsUnavailable;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

    public SemanticModel For(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model)) _models[tree] = model = Create(compilation, tree);
        return model;
    }

    private static SemanticModel Create(Compilation compilation, SyntaxTree tree)
    {
        if (!s_optionsUnavailable)
        {
            try
            {
                return WithoutNullableAnalysis(compilation, tree);
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
    private static SemanticModel WithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // Public and unchanged from Roslyn 4.9 to 5.0; its absence is handled above.
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }
}
