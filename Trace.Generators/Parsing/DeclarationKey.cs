using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// What a compilation's declarations are made of: its options, its references (by identity: an unchanged reference is the
/// same object in the next compilation) and the <see cref="DeclarationShape"/> of each file, in order. Two compilations
/// with matching keys declare the same symbols; they differ at most in what bodies do.
/// </summary>
/// <remarks>
/// The shapes are read only when a key is first compared, so a compilation that is never compared with another (a
/// command-line build) does not pay for them. Once a key matched an earlier one it takes that key's identity, so every
/// later comparison between the two is a reference comparison. The last key found different is held weakly: a chain of
/// such keys would keep every earlier compilation's references and files alive for the whole session.
/// </remarks>
internal sealed class DeclarationKey
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationKey> s_keys = new();
    private readonly object _gate = new();
    private readonly string? _assemblyName;
    private readonly CompilationOptions _options;
    private readonly ParseOptions? _parseOptions;
    private readonly MetadataReference[] _references;
    private ImmutableArray<SyntaxTree> _trees;
    private string[]? _shapes;
    private volatile DeclarationKey _canonical;
    private volatile WeakReference<DeclarationKey>? _lastMismatch;

    private DeclarationKey(Compilation compilation)
    {
        _assemblyName = compilation.AssemblyName;
        _options = compilation.Options;
        _trees = compilation.SyntaxTrees.ToImmutableArray();
        _parseOptions = _trees.IsEmpty ? null : _trees[0].Options;
        _references = compilation.References.ToArray();
        _canonical = this;
    }

    public static DeclarationKey Of(Compilation compilation) =>
        s_keys.TryGetValue(compilation, out var key) ? key : s_keys.GetValue(compilation, static c => new DeclarationKey(c));

    /// <summary>Whether both compilations declare the same symbols.</summary>
    public bool Matches(DeclarationKey earlier, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_canonical, earlier._canonical)) return true;
        if (_lastMismatch is { } last && last.TryGetTarget(out var lastKey) && ReferenceEquals(lastKey, earlier)) return false;
        if (SameDeclarations(earlier, cancellationToken))
        {
            _canonical = earlier._canonical;
            return true;
        }

        _lastMismatch = new WeakReference<DeclarationKey>(earlier);
        return false;
    }

    private bool SameDeclarations(DeclarationKey other, CancellationToken cancellationToken)
    {
        if (_assemblyName != other._assemblyName || _references.Length != other._references.Length) return false;
        for (var i = 0; i < _references.Length; i++)
        {
            if (!ReferenceEquals(_references[i], other._references[i])) return false;
        }

        if (!_options.Equals(other._options) || !Equals(_parseOptions, other._parseOptions)) return false;
        var shapes = Shapes(cancellationToken);
        var otherShapes = other.Shapes(cancellationToken);
        if (shapes.Length != otherShapes.Length) return false;
        for (var i = 0; i < shapes.Length; i++)
        {
            if (!ReferenceEquals(shapes[i], otherShapes[i]) && shapes[i] != otherShapes[i]) return false;
        }

        return true;
    }

    private string[] Shapes(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_shapes is null)
            {
                _shapes = _trees.Select(t => DeclarationShape.Of(t, cancellationToken)).ToArray();
                _trees = default; // the shapes are all a key needs; the trees may go with their compilation
            }

            return _shapes;
        }
    }
}
