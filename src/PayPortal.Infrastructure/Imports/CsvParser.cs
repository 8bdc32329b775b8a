using System.Text;

namespace PayPortal.Infrastructure.Imports;

/// <summary>
/// RFC 4180 records from text: comma-separated, fields optionally in double quotes (a doubled quote
/// inside is a quote; quoted fields may span lines), CRLF or LF line ends. Each record carries the
/// line it starts on, so errors can point at it.
/// </summary>
public static class CsvParser
{
    public sealed record Record(int Line, string[] Fields);

    public sealed class MalformedCsvException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    public static IEnumerable<Record> Parse(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = fieldWasQuoted = true;
                    break;
                case '"':
                    throw new MalformedCsvException(line, "has a quote inside an unquoted field (quote the whole field and double the quote)");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    yield return new Record(recordLine, fields.ToArray());
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    any = false;
                    recordLine = ++line;
                    break;
                default:
                    if (fieldWasQuoted) throw new MalformedCsvException(line, "has text after a closing quote");
                    field.Append(ch);
                    break;
            }
        }
        if (inQuotes) throw new MalformedCsvException(recordLine, "has a quoted field that is never closed");
        if (any)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields.ToArray());
        }
    }
}
