using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>
/// A <see cref="ParameterChange"/> as it is saved: the parameter's name and C# type, and its old and new values as
/// JSON (the JSON <see cref="ParameterStore"/> saves, enums by name), so a saved log reads back without the
/// objects it was made from.
/// </summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">The parameter's C# type, as <see cref="TypeNames.Display"/> writes it (<c>List&lt;string&gt;</c>).</param>
/// <param name="OldValue">The value before the change, as JSON; <c>value.Deserialize&lt;T&gt;(ParameterStore.JsonOptions)</c> gives it typed.</param>
/// <param name="NewValue">The proposed value, as JSON.</param>
public sealed record ChangeRecord(string Name, string Type, JsonElement OldValue, JsonElement NewValue);
