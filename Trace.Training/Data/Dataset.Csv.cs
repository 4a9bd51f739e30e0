namespace Opto.Training;

public static partial class Dataset
{
    /// <summary>
    /// Reads a CSV file (RFC 4180: a header row, then one example per record; quoted fields may hold commas,
    /// doubled quotes and line breaks). The fields of <paramref name="inputColumn"/> and <paramref name="expectedColumn"/>
    /// are converted, with the invariant culture, to <typeparamref name="TInput"/> and <typeparamref name="TExpected"/>:
    /// string, an enum, or any <see cref="IParsable{TSelf}"/> type such as int, double, bool or decimal.
    /// </summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <param name="path">The file; a UTF-8 byte order mark is allowed.</param>
    /// <param name="inputColumn">The header of the column holding the input.</param>
    /// <param name="expectedColumn">The header of the column holding the expected output.</param>
    /// <param name="idColumn">The header of the column holding each example's id; when null, examples are named by position.</param>
    /// <returns>The dataset, in the file's order.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="TInput"/> or <typeparamref name="TExpected"/> cannot be read from text.</exception>
    /// <exception cref="DatasetFormatException">The file has no header, lacks a column, has a record of the wrong length, an unterminated quote, or a value that does not convert.</exception>
    public static Dataset<TInput, TExpected> FromCsv<TInput, TExpected>(
        string path,
        string inputColumn,
        string expectedColumn,
        string? idColumn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(inputColumn);
        ArgumentException.ThrowIfNullOrEmpty(expectedColumn);
        RequireReadableFromText<TInput>();
        RequireReadableFromText<TExpected>();

        using var records = CsvRecords.Read(File.ReadAllText(path), path).GetEnumerator();
        if (!records.MoveNext())
            throw new DatasetFormatException(path, 1, "The file is empty; a CSV dataset starts with a header row naming its columns.");
        var header = records.Current;
        var inputIndex = ColumnIndex(header, inputColumn, path);
        var expectedIndex = ColumnIndex(header, expectedColumn, path);
        var idIndex = idColumn is null ? (int?)null : ColumnIndex(header, idColumn, path);

        var examples = new List<Example<TInput, TExpected>>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Count != header.Fields.Count)
                throw new DatasetFormatException(path, record.LineNumber,
                    $"The record has {record.Fields.Count} fields, but the header has {header.Fields.Count} columns.");
            examples.Add(new Example<TInput, TExpected>(
                Convert<TInput>(record, inputIndex, inputColumn, path),
                Convert<TExpected>(record, expectedIndex, expectedColumn, path),
                idIndex is { } index ? record.Fields[index] : null));
        }
        return new Dataset<TInput, TExpected>(examples);
    }

    private static void RequireReadableFromText<T>()
    {
        if (!TextValue<T>.IsSupported)
            throw new NotSupportedException($"A CSV field cannot be read as {typeof(T)}: the types read from CSV are string, enums and IParsable types such as int, double, bool and decimal.");
    }

    private static int ColumnIndex(CsvRecord header, string column, string path)
    {
        var index = header.Fields.ToList().IndexOf(column);
        return index >= 0
            ? index
            : throw new DatasetFormatException(path, header.LineNumber,
                $"The header has no column \"{column}\"; its columns are: {string.Join(", ", header.Fields.Select(f => $"\"{f}\""))}.");
    }

    private static T Convert<T>(CsvRecord record, int index, string column, string path)
    {
        var text = record.Fields[index];
        return TextValue<T>.TryParse(text, out var value)
            ? value!
            : throw new DatasetFormatException(path, record.LineNumber,
                $"The value \"{text}\" in column \"{column}\" is not a valid {typeof(T).Name}.");
    }
}
