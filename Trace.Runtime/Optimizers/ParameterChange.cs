namespace Opto.Optimizers;

/// <summary>A new value for a parameter, already converted to the parameter's type.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="OldValue">Its value when the change was proposed.</param>
/// <param name="NewValue">The proposed value.</param>
public sealed record ParameterChange(ParameterNode Parameter, object? OldValue, object? NewValue);
