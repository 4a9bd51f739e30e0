using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Optimizers;

/// <summary>
/// Writes the optimizer's live log types (which hold parameters, and through them graphs and types) as their saved
/// records. They are not read back: a saved log reads as <see cref="StepRecord"/>, <see cref="ProposalRecord"/> and
/// <see cref="ChangeRecord"/>.
/// </summary>
internal abstract class LogJsonConverter<TLive, TRecord>(Func<TLive, TRecord> toRecord) : JsonConverter<TLive>
{
    public override TLive Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException(
            $"A {typeToConvert.Name} holds live parameters and is not read back from JSON. Read what it was saved as: " +
            $"{typeof(TRecord).Name} (for a whole log, JsonSerializer.Deserialize<List<StepRecord>>(json)).");

    public override void Write(Utf8JsonWriter writer, TLive value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, toRecord(value), options);
}

/// <summary>Writes a <see cref="StepLog"/> as its <see cref="StepRecord"/>.</summary>
internal sealed class StepLogJsonConverter() : LogJsonConverter<StepLog, StepRecord>(step => step.ToRecord());

/// <summary>Writes a <see cref="Proposal"/> as its <see cref="ProposalRecord"/>.</summary>
internal sealed class ProposalJsonConverter() : LogJsonConverter<Proposal, ProposalRecord>(proposal => proposal.ToRecord());

/// <summary>Writes a <see cref="ParameterChange"/> as its <see cref="ChangeRecord"/>.</summary>
internal sealed class ParameterChangeJsonConverter() : LogJsonConverter<ParameterChange, ChangeRecord>(change => change.ToRecord());
