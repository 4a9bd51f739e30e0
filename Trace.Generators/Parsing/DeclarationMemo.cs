using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// What a semantic read of one declaration found, kept with its syntax node for the next compilation. The IDE makes a
/// new compilation on every keystroke, and a syntax provider's transform runs for every node it selected, in every file,
/// each time; binding each declaration again (its symbol, its type's members, their attributes) was most of the
/// generator's time per edit. A read is reused while its node is the same (its file is unchanged), the compilation
/// declares the same symbols (<see cref="DeclarationKey"/>), and the files the read looked into are all still there
/// unchanged (a class's other parts, whose bodies decide which primary-constructor parameters it keeps).
/// </summary>
/// <typeparam name="T">Plain data, never a symbol or a syntax node.</typeparam>
internal sealed class DeclarationMemo<T>
    where T : class
{
    private readonly ConditionalWeakTable<SyntaxNode, Slot> _slots = new();

    /// <summary>The read of <paramref name="node"/> in <paramref name="compilation"/>: the last one when still valid, else a new one.</summary>
    /// <param name="read">Reads the node; returns what it found and the files it looked into besides the node's own.</param>
    public T? Get<TState>(SyntaxNode node, Compilation compilation, TState state, Func<TState, CancellationToken, Read> read, CancellationToken cancellationToken)
    {
        var key = DeclarationKey.Of(compilation);
        var slot = _slots.GetValue(node, static _ => new Slot());
        if (slot.Entry is { } entry && key.Matches(entry.Key, cancellationToken) && AllIn(entry.Trees, compilation)) return entry.Value;

        var fresh = read(state, cancellationToken);
        slot.Entry = new Entry(key, fresh.Trees, fresh.Value);
        return fresh.Value;
    }

    private static bool AllIn(IReadOnlyList<SyntaxTree> trees, Compilation compilation)
    {
        foreach (var tree in trees)
        {
            if (!compilation.ContainsSyntaxTree(tree)) return false;
        }

        return true;
    }

    /// <summary>What a read found, and the files it depends on besides the node's own.</summary>
    internal readonly record struct Read(T? Value, IReadOnlyList<SyntaxTree> Trees)
    {
        /// <summary>A read of a member or part of <paramref name="type"/>: every part of the class decides what it declares.</summary>
        public static Read Of(T? value, INamedTypeSymbol? type) =>
            new(value, type?.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct().ToArray() ?? []);
    }

    private sealed record Entry(DeclarationKey Key, IReadOnlyList<SyntaxTree> Trees, T? Value);

    private sealed class Slot
    {
        public volatile Entry? Entry;
    }
}
