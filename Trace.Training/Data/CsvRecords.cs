using System.Text;

namespace Opto.Training;

/// <summary>
/// Reads CSV text as RFC 4180 describes it: fields separated by commas, records by CRLF, LF or CR;
/// a quoted field may hold commas, line breaks and doubled quotes. Blank lines hold no record.
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text, string path)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var lineNumber = 1;
        var recordLine = 1;
        var position = 0;
        var fieldWasQuoted = false;

        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"' && field.Length == 0 && !fieldWasQuoted)
            {
                var quoteLine = lineNumber;
                position++;
                while (true)
                {
                    if (position >= text.Length)
                        throw new DatasetFormatException(path, quoteLine, "A quoted field is never closed: its opening quote has no closing quote.");
                    var inside = text[position];
                    if (inside == '"')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '"')
                        {
                            field.Append('"');
                            position += 2;
                            continue;
                        }
                        position++;
                        break;
                    }
                    if (IsLineBreak(text, position, out var breakLength))
                    {
                        field.Append(text, position, breakLength);
                        position += breakLength;
                        lineNumber++;
                        continue;
                    }
                    field.Append(inside);
                    position++;
                }
                fieldWasQuoted = true;
                if (position < text.Length && text[position] != ',' && !IsLineBreak(text, position, out _))
                    throw new DatasetFormatException(path, lineNumber, $"A closing quote is followed by '{text[position]}'; it must be followed by a comma or the end of the line (write a quote inside a quoted field as two quotes).");
            }
            else if (c == '"')
            {
                throw new DatasetFormatException(path, lineNumber, "A quote inside an unquoted field; quote the whole field and double the quotes inside it.");
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
                position++;
            }
            else if (IsLineBreak(text, position, out var breakLength))
            {
                if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields.ToArray());
                }
                fields.Clear();
                field.Clear();
                fieldWasQuoted = false;
                position += breakLength;
                lineNumber++;
                recordLine = lineNumber;
            }
            else
            {
                field.Append(c);
                position++;
            }
        }

        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }

    private static bool IsLineBreak(string text, int position, out int length)
    {
        length = text[position] switch
        {
            '\r' when position + 1 < text.Length && text[position + 1] == '\n' => 2,
            '\r' or '\n' => 1,
            _ => 0,
        };
        return length > 0;
    }
}
