using System.Text.Json.Serialization;
using Opto;

namespace Opto.Optimizers;

/// <summary>
/// A new value for a parameter, already converted to the parameter's type. It serializes to JSON as its
/// <see cref="ChangeRecord"/> (the parameter's name and type, the values as JSON).
/// </summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="OldValue">Its value when the change was proposed.</param>
/// <param name="NewValue">The proposed value.</param>
[JsonConverter(typeof(ParameterChangeJsonConverter))]
public sealed record ParameterChange(ParameterNode Parameter, object? OldValue, object? NewValue)
{
    /// <summary>The parameter's name as the optimizer that proposed the change knows it (see <see cref="Optimizer.NameOf"/>).</summary>
    public string Name { get; init; } = Parameter.Name;

    /// <summary>The change as plain data, for saving: names, a C# type name and JSON values instead of live objects.</summary>
    public ChangeRecord ToRecord() =>
        new(Name, TypeNames.Display(Parameter.ValueType),
            ParameterJson.ToElement(OldValue, Parameter.ValueType), ParameterJson.ToElement(NewValue, Parameter.ValueType));
}
