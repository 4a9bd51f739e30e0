using Opto.Optimizers;

namespace Opto.Training;

/// <summary>One proposal a search step scored: what it would change, and how the agent did with it.</summary>
/// <param name="Proposal">The optimizer's proposal; <see langword="null"/> for the parameters as they were.</param>
/// <param name="Score">The validation (sample) score with the proposal in place; <see cref="double.NegativeInfinity"/> when it could not be applied.</param>
/// <param name="Chosen">Whether this candidate won (a chosen <see langword="null"/> proposal: the parameters stayed).</param>
public sealed record SearchCandidate(Proposal? Proposal, double Score, bool Chosen);
