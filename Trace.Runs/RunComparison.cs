using Opto.Training;

namespace Opto.Runs;

// Every way a stored run differs from the one being started, each in words.
internal static class RunComparison
{
    public static List<string> Differences(RunDescription stored, RunDescription current)
    {
        var differences = new List<string>();
        var storedTypes = stored.Parameters.ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);
        var currentTypes = current.Parameters.ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);
        foreach (var (name, type) in storedTypes)
        {
            if (!currentTypes.TryGetValue(name, out var now)) differences.Add($"parameter '{name}' ({type}) is in the store but not in the code.");
            else if (now != type) differences.Add($"parameter '{name}' was {type} and is now {now}.");
        }

        differences.AddRange(currentTypes.Where(p => !storedTypes.ContainsKey(p.Key)).Select(p => $"parameter '{p.Key}' ({p.Value}) is in the code but not in the store."));
        if (stored.Optimizer != current.Optimizer) differences.Add($"the optimizer was {stored.Optimizer} and is now {current.Optimizer}.");
        if (stored.Algorithm != current.Algorithm) differences.Add($"the algorithm was {stored.Algorithm} and is now {current.Algorithm}.");
        foreach (var key in stored.Options.Select(o => o.Key).Union(current.Options.Select(o => o.Key)).Order(StringComparer.Ordinal))
        {
            var was = stored.Options[key]?.ToJsonString() ?? "null";
            var now = current.Options[key]?.ToJsonString() ?? "null";
            if (was != now) differences.Add($"the option {key} was {was} and is now {now}.");
        }

        if (stored.DatasetFingerprint != current.DatasetFingerprint)
        {
            differences.Add($"the data differ: {stored.TrainCount} training and {stored.ValidationCount} validation examples with fingerprint " +
                $"{stored.DatasetFingerprint[..12]}, now {current.TrainCount} and {current.ValidationCount} with {current.DatasetFingerprint[..12]}.");
        }

        return differences;
    }
}
