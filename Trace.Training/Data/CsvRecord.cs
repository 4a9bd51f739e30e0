namespace Opto.Training;

/// <summary>One record of a CSV file and the line it starts on.</summary>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);
