using Opto.Backward;

namespace Opto;

/// <summary>
/// A trainable value: a <c>[Trainable]</c> field or property of an object, or a <see cref="Parameter{T}"/>.
/// Parameters outlive trace scopes; feedback from every backward pass accumulates on them until
/// <see cref="ZeroFeedback"/>.
/// </summary>
public abstract class ParameterNode : Node
{
    private readonly Lock _feedbackLock = new();
    // Entries are only ever appended (a full array is replaced by a larger copy) and forgetting replaces the array, so
    // the first _feedbackCount entries never change: a view of them is a snapshot, and forgetting allocates nothing.
    private FeedbackEntry[] _feedback = [];
    private int _feedbackCount;
    private string _name;

    private static int s_created;

    private protected ParameterNode(string name, string? description, string? constraint) : base(0)
    {
        Serial = Interlocked.Increment(ref s_created) - 1;
        _name = name;
        Description = description;
        Constraint = constraint;
    }

    /// <summary>
    /// The parameter's name. A field or property of an object held by another object is named by its path from the object
    /// whose <c>TrainableParameters()</c> last reached it (<c>Agent.Tools[2].Description</c>); before that, and for
    /// static members and code, it is <c>Type.Member</c>. An optimizer keeps the names its parameters had when it was created.
    /// </summary>
    public override string Name => Volatile.Read(ref _name);

    /// <inheritdoc />
    public override string? Description { get; }

    /// <summary>A rule every new value must respect, or <see langword="null"/>.</summary>
    public string? Constraint { get; }

    /// <inheritdoc />
    public override bool IsTrainable => true;

    /// <summary>The feedback received since the last <see cref="ZeroFeedback"/>, one entry per backward pass that reached this parameter.</summary>
    public IReadOnlyList<FeedbackEntry> Feedback
    {
        get
        {
            lock (_feedbackLock) return _feedbackCount == 0 ? [] : new FeedbackSnapshot(_feedback, _feedbackCount);
        }
    }

    /// <summary>Whether any feedback was received since the last <see cref="ZeroFeedback"/>.</summary>
    internal bool HasFeedback => Volatile.Read(ref _feedbackCount) > 0;

    /// <summary>The feedback received since the last <see cref="ZeroFeedback"/>, without copying it.</summary>
    internal ReadOnlySpan<FeedbackEntry> FeedbackEntries
    {
        get
        {
            lock (_feedbackLock) return _feedback.AsSpan(0, _feedbackCount);
        }
    }

    /// <summary>Replaces the value.</summary>
    /// <param name="value">The new value; it must be assignable to <see cref="Node.ValueType"/>.</param>
    /// <exception cref="ArgumentException">The value is not of the parameter's type.</exception>
    public void SetValue(object? value)
    {
        if (value is null ? ValueType.IsValueType && Nullable.GetUnderlyingType(ValueType) is null : !ValueType.IsInstanceOfType(value))
        {
            throw new ArgumentException(
                $"Parameter '{Name}' holds {TypeNames.Display(ValueType)}; it cannot take {(value is null ? "null" : "a value of type " + TypeNames.Display(value.GetType()))}.",
                nameof(value));
        }

        Write(value);
    }

    /// <summary>
    /// Checks a new value beyond its type and prepares it for writing (a code parameter compiles it), before any
    /// parameter is written. Returns what is wrong, as feedback for whoever proposed the value, or <see langword="null"/>.
    /// </summary>
    internal virtual string? Prepare(object? value, CancellationToken cancellationToken = default) => null;

    /// <summary>The trainable member this parameter is the value of, when it is one.</summary>
    internal virtual Opto.Interception.TrainableMember? DeclaredBy => null;

    /// <summary>Whether the value is C# code (a trainable method's), which prompts show as code rather than as a JSON string.</summary>
    internal virtual bool IsCode => false;

    /// <summary>Forgets all feedback received so far.</summary>
    public void ZeroFeedback()
    {
        lock (_feedbackLock) (_feedback, _feedbackCount) = ([], 0);
    }

    /// <summary>How many parameters were created before this one in the process: an index for walks over many of them.</summary>
    internal int Serial { get; }

    /// <summary>How many parameters the process has created.</summary>
    internal static int Created => Volatile.Read(ref s_created);

    /// <summary>Gives the parameter the name of the path it was last reached by.</summary>
    internal void Rename(string name) => Volatile.Write(ref _name, name);

    internal void AddFeedback(FeedbackEntry entry)
    {
        lock (_feedbackLock)
        {
            if (_feedbackCount == _feedback.Length) Array.Resize(ref _feedback, Math.Max(1, _feedbackCount * 2));
            _feedback[_feedbackCount] = entry;
            Volatile.Write(ref _feedbackCount, _feedbackCount + 1);
        }
    }

    /// <summary>Stores a value already checked against <see cref="Node.ValueType"/>.</summary>
    private protected abstract void Write(object? value);

    internal override int ParentCount => 0;

    internal override Node GetParent(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
