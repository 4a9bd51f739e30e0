using System.Collections.Concurrent;
using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// Where the current implementation of a trainable method lives: <see langword="null"/> for the original, or the
/// delegate of the latest accepted replacement. Interceptors read it on every call; a swap is one atomic write.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CodeSlot
{
    private static readonly ConcurrentDictionary<string, CodeSlot> s_slots = new(StringComparer.Ordinal);

    private protected CodeSlot(string key) => Key = key;

    /// <summary>The method's documentation ID.</summary>
    public string Key { get; }

    /// <summary>The delegate type that stands in for the method.</summary>
    public abstract Type DelegateType { get; }

    internal abstract Delegate? CurrentDelegate { get; }

    internal abstract void Install(Delegate? implementation);

    private protected static CodeSlot GetOrAdd(string key, Func<string, CodeSlot> create) => s_slots.GetOrAdd(key, create);
}

/// <summary>The current implementation of one trainable method, typed.</summary>
/// <typeparam name="TDelegate">The <c>Func</c>/<c>Action</c> type matching the method.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CodeSlot<TDelegate> : CodeSlot
    where TDelegate : Delegate
{
    private TDelegate? _current;

    /// <summary>Creates a slot; use <see cref="For(string)"/>.</summary>
    /// <param name="key">The method's documentation ID.</param>
    public CodeSlot(string key) : base(key)
    {
    }

    /// <summary>The replacement to call, or <see langword="null"/> to call the original method.</summary>
    public TDelegate? Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public override Type DelegateType => typeof(TDelegate);

    internal override Delegate? CurrentDelegate => Current;

    /// <summary>The slot of a trainable method. Called by generated code.</summary>
    /// <param name="key">The method's documentation ID.</param>
    public static CodeSlot<TDelegate> For(string key) =>
        GetOrAdd(key, static k => new CodeSlot<TDelegate>(k)) as CodeSlot<TDelegate>
        ?? throw new InvalidOperationException($"The code slot of {key} has another delegate type than {typeof(TDelegate)}.");

    internal override void Install(Delegate? implementation) => Volatile.Write(ref _current, (TDelegate?)implementation);
}
