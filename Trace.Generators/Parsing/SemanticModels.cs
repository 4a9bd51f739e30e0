using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The semantic models one parse binds with: one per tree, so a body two analyses read is bound once. A parse that
/// reads only declared types (a traced method's dependencies and leaf check) binds without nullable analysis, which
/// costs about a third of binding a body; the calls' parser keeps it, because a generic call's inferred type arguments
/// carry their nullability into the interceptor's signature.
/// </summary>
internal sealed class SemanticModels(Compilation compilation, bool nullableAnalysis)
{
    private static bool s_optionsUnavailable;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

    public SemanticModel For(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model)) _models[tree] = model = nullableAnalysis ? compilation.GetSemanticModel(tree) : Create(compilation, tree);
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
