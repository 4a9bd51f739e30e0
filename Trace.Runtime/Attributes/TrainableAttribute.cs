namespace Opto;

/// <summary>
/// Marks a field or property as a value an optimizer may rewrite (a parameter of the program),
/// or a method whose calls are traced and whose code is a parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TrainableAttribute : Attribute
{
    /// <summary>Marks a trainable member without a description.</summary>
    public TrainableAttribute()
    {
    }

    /// <summary>Marks a trainable member and says what it is for, in words an optimizer reads.</summary>
    /// <param name="description">What the value means and what a better value would do.</param>
    public TrainableAttribute(string description) => Description = description;

    /// <summary>What the value means and what a better value would do.</summary>
    public string? Description { get; }

    /// <summary>A rule every new value must respect (for example "at most 200 characters").</summary>
    public string? Constraint { get; set; }
}
