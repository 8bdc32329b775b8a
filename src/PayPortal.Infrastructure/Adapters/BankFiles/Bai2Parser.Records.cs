using System.Text;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

/// <summary>BAI2 physical records read one line at a time, with a cap on a line's length.</summary>
public static partial class Bai2Parser
{
    /// <summary>Longer physical records than this are not BAI2 (banks write 80 characters, or a few hundred at most).</summary>
    public const int MaxRecordLength = 64 * 1024;

    /// <summary>The file's non-blank physical records, each checked for a known type as it is read.</summary>
    private static IEnumerable<Record> Records(StreamReader reader)
    {
        var lineNo = 0;
        var line = new StringBuilder();
        while (ReadLine(reader, line, lineNo + 1))
        {
            lineNo++;
            var raw = line.ToString().TrimEnd();
            if (raw.Length == 0) continue;
            var type = raw.Length >= 2 ? raw[..2] : raw;
            if (type is not ("01" or "02" or "03" or "16" or "88" or "49" or "98" or "99"))
                throw new BankFileException([$"line {lineNo}: unknown record type '{type}'"]);
            // Header and trailer fields never hold a "/", so text after theirs is another record run onto the same line.
            if (type is "01" or "02" or "49" or "98" or "99" && raw.IndexOf('/') is var end and >= 0 && raw[(end + 1)..].Trim() is { Length: > 0 } rest)
                throw new BankFileException([$"line {lineNo}: more than one record on the line (after the {type} record's closing '/' comes '{(rest.Length > 20 ? rest[..20] + "..." : rest)}')"]);
            yield return new Record(lineNo, type, [], raw);
        }
    }

    /// <summary>One physical line (ended by CR, LF or CRLF), refused past <see cref="MaxRecordLength"/> so one endless line is never held whole.</summary>
    private static bool ReadLine(StreamReader reader, StringBuilder line, int lineNo)
    {
        line.Clear();
        int c;
        while ((c = reader.Read()) != -1)
        {
            if (c == '\n') return true;
            if (c == '\r')
            {
                if (reader.Peek() == '\n') reader.Read();
                return true;
            }
            if (line.Length == MaxRecordLength) throw new BankFileException([$"line {lineNo}: the record is longer than {MaxRecordLength} characters; this is not a BAI2 file"]);
            line.Append((char)c);
        }
        return line.Length > 0;
    }
}
