using Opto.Optimizers;

namespace Opto.Training;

/// <summary>A search candidate as stored.</summary>
/// <param name="Proposal">The proposal, or <see langword="null"/> for the parameters as they were.</param>
/// <param name="Score">Its mean score on the validation sample (negative infinity when it could not be applied).</param>
/// <param name="Chosen">Whether it was applied (or, for the current parameters, kept).</param>
public sealed record CandidateRecord(ProposalRecord? Proposal, double Score, bool Chosen);
