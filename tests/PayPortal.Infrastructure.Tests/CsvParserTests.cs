using PayPortal.Infrastructure.Imports;

namespace PayPortal.Infrastructure.Tests;

public class CsvParserTests
{
    private static List<CsvParser.Record> Parse(string text) => CsvParser.Parse(new StringReader(text)).ToList();

    [Fact]
    public void Reads_quoted_fields_with_commas_doubled_quotes_and_line_breaks()
    {
        var records = Parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,end");
        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(["last", "", "end"], records[2].Fields);
        Assert.Equal(4, records[2].Line); // the quoted line break moves the next record down one line
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_starts_on()
    {
        var error = Assert.Throws<CsvParser.MalformedCsvException>(() => Parse("h\nok\n\"never closed\nmore"));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Old_mac_line_ends_count_as_lines_inside_quotes_too()
    {
        var records = Parse("h\r\"a\rb\"\rlast\r");
        Assert.Equal(["a\rb"], records[1].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void A_stray_quote_inside_a_field_is_refused() =>
        Assert.Throws<CsvParser.MalformedCsvException>(() => Parse("h\nab\"c\n"));
}
