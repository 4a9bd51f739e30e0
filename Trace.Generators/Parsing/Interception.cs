namespace Opto.Generators.Parsing;

/// <summary>What becomes of a call of a method: intercepted, or left to run untraced and why.</summary>
internal enum InterceptionKind
{
    /// <summary>The generator intercepts the call.</summary>
    Intercepted,

    /// <summary>
    /// Not intercepted, and nothing is said at the call: the method is not traced, its declaration diagnostic says why,
    /// or the compiler removes the call.
    /// </summary>
    Unreported,

    /// <summary>Not intercepted: the call is part of an expression tree (OPTO015).</summary>
    InExpressionTree,

    /// <summary>Not intercepted, for the reason OPTO013 reports.</summary>
    Skipped,
}

/// <summary>The verdict on one call site; <see cref="Reason"/> is set when <see cref="Kind"/> is <see cref="InterceptionKind.Skipped"/>.</summary>
internal readonly struct Interception
{
    private Interception(InterceptionKind kind, string? reason, bool generic = false)
    {
        Kind = kind;
        Reason = reason;
        IsGeneric = generic;
    }

    /// <summary>The call is intercepted.</summary>
    public static Interception Intercepted => new(InterceptionKind.Intercepted, null);

    /// <summary>The call is intercepted by a generic interceptor (see <see cref="GenericInterception"/>).</summary>
    public static Interception InterceptedGenerically => new(InterceptionKind.Intercepted, null, generic: true);

    /// <summary>The call is not intercepted, and nothing is reported at it.</summary>
    public static Interception Unreported => new(InterceptionKind.Unreported, null);

    /// <summary>The call is inside an expression tree.</summary>
    public static Interception InExpressionTree => new(InterceptionKind.InExpressionTree, null);

    /// <summary>The call is not intercepted, for <paramref name="reason"/> (what to write instead included).</summary>
    public static Interception Skipped(string reason) => new(InterceptionKind.Skipped, reason);

    /// <summary>What becomes of the call.</summary>
    public InterceptionKind Kind { get; }

    /// <summary>Why the call is skipped, as OPTO013 says it.</summary>
    public string? Reason { get; }

    /// <summary>Whether the generator intercepts the call.</summary>
    public bool IsIntercepted => Kind == InterceptionKind.Intercepted;

    /// <summary>Whether its interceptor is generic: written from the method's declaration, given the call's type arguments.</summary>
    public bool IsGeneric { get; }
}
