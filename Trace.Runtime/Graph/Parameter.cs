namespace Opto;

/// <summary>
/// A trainable value created by hand (Python Trace's <c>node(x, trainable=True)</c>), for values that are not
/// a field or property of an object.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class Parameter<T> : ParameterNode
{
    /// <summary>Creates a trainable value.</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="name">The parameter's name, as the optimizer will see it.</param>
    /// <param name="description">What the value means, for the optimizer.</param>
    /// <param name="constraint">A rule every new value must respect.</param>
    public Parameter(T value, string name, string? description = null, string? constraint = null)
        : base(name, description, constraint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Value = value;
    }

    /// <summary>The current value.</summary>
    public new T Value { get; set; }

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    private protected override object? BoxedValue => Value;

    private protected override void Write(object? value) => Value = (T)value!;
}
