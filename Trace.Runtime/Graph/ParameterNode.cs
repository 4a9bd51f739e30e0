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
    // A backward pass marks every parameter it reached with (pass, position): the first mark in fields, later ones in an
    // array that is only appended to (a full one is replaced by a larger copy) and replaced when forgotten, so that a
    // backward over a wide fan-in allocates nothing per parameter. FeedbackEntry objects are made when Feedback is read
    // and kept for the next read (they never change).
    private FeedbackMark _firstMark;
    private FeedbackMark[] _moreMarks = [];
    private int _feedbackCount;
    private FeedbackEntry[] _entries = [];
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
            lock (_feedbackLock)
            {
                if (_feedbackCount == 0) return [];
                if (_entries.Length < _feedbackCount)
                {
                    var entries = new FeedbackEntry[_feedbackCount];
                    _entries.CopyTo(entries, 0);
                    for (var i = _entries.Length; i < entries.Length; i++)
                    {
                        var mark = i == 0 ? _firstMark : _moreMarks[i - 1];
                        entries[i] = new FeedbackEntry(mark.Pass, mark.Position);
                    }

                    _entries = entries;
                }

                return new FeedbackSnapshot(_entries, _feedbackCount);
            }
        }
    }

    /// <summary>Whether any feedback was received since the last <see cref="ZeroFeedback"/>.</summary>
    internal bool HasFeedback => Volatile.Read(ref _feedbackCount) > 0;

    /// <summary>The passes that reached this parameter since the last <see cref="ZeroFeedback"/>, and its place in each, without copying.</summary>
    internal FeedbackMarks Marks
    {
        get
        {
            lock (_feedbackLock) return new FeedbackMarks(_firstMark, _moreMarks, _feedbackCount);
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
        lock (_feedbackLock) (_firstMark, _moreMarks, _feedbackCount, _entries) = (default, [], 0, []);
    }

    /// <summary>How many parameters were created before this one in the process: an index for walks over many of them.</summary>
    internal int Serial { get; }

    /// <summary>How many parameters the process has created.</summary>
    internal static int Created => Volatile.Read(ref s_created);

    /// <summary>Gives the parameter the name of the path it was last reached by.</summary>
    internal void Rename(string name) => Volatile.Write(ref _name, name);

    /// <summary>Records that <paramref name="pass"/> reached this parameter, at <paramref name="position"/> in its ancestry.</summary>
    internal void AddFeedback(BackwardPass pass, int position)
    {
        lock (_feedbackLock)
        {
            if (_feedbackCount == 0)
            {
                _firstMark = new FeedbackMark(pass, position);
            }
            else
            {
                if (_feedbackCount - 1 == _moreMarks.Length) Array.Resize(ref _moreMarks, Math.Max(2, _moreMarks.Length * 2));
                _moreMarks[_feedbackCount - 1] = new FeedbackMark(pass, position);
            }

            Volatile.Write(ref _feedbackCount, _feedbackCount + 1);
        }
    }

    /// <summary>Stores a value already checked against <see cref="Node.ValueType"/>.</summary>
    private protected abstract void Write(object? value);

    internal override int ParentCount => 0;

    internal override Node GetParent(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
