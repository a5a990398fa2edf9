using System.Globalization;
using System.Text;

namespace IceCheckout.Detection.Inference;

/// <summary>
/// Reads the metadata values YOLO exporters write with Python's <c>str()</c>: <c>names</c> as a dict literal
/// (<c>{0: 'melona', 1: "jaws'bar"}</c>) or list, <c>imgsz</c> as <c>[h, w]</c> or one number.
/// Hand-written because no .NET package reads Python literals; it accepts JSON as well.
/// </summary>
public static class ModelMetadataParser
{
    public static IReadOnlyList<string> ParseNames(string literal)
    {
        var reader = new LiteralReader(literal);
        reader.SkipWhitespace();
        var opening = reader.Next();
        var names = new SortedDictionary<int, string>();
        if (opening == '{')
        {
            while (!reader.TryConsume('}'))
            {
                var key = reader.ReadKey();
                reader.Expect(':');
                names[key] = reader.ReadString();
                reader.TryConsume(',');
            }
        }
        else if (opening == '[')
        {
            while (!reader.TryConsume(']'))
            {
                names[names.Count] = reader.ReadString();
                reader.TryConsume(',');
            }
        }
        else
        {
            throw new FormatException($"Class names '{literal}' are neither a dict nor a list.");
        }

        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw new FormatException($"Unexpected text after the class names in '{literal}'.");
        }

        if (names.Count > 0 && (names.Keys.First() != 0 || names.Keys.Last() != names.Count - 1))
        {
            throw new FormatException($"Class indices in '{literal}' are not 0..{names.Count - 1}.");
        }

        return [.. names.Values];
    }

    /// <returns>(height, width).</returns>
    public static (int Height, int Width) ParseImageSize(string literal)
    {
        var numbers = literal.Trim().Trim('[', ']', '(', ')')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.Parse(n, CultureInfo.InvariantCulture))
            .ToArray();
        return numbers switch
        {
            [var size] when size > 0 => (size, size),
            [var height, var width] when height > 0 && width > 0 => (height, width),
            _ => throw new FormatException($"Image size '{literal}' is not a positive size or [height, width]."),
        };
    }

    private sealed class LiteralReader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public char Next()
        {
            SkipWhitespace();
            return AtEnd ? throw Error("ended early") : text[_position++];
        }

        public bool TryConsume(char expected)
        {
            SkipWhitespace();
            if (!AtEnd && text[_position] == expected)
            {
                _position++;
                return true;
            }

            return false;
        }

        public void Expect(char expected)
        {
            if (!TryConsume(expected))
            {
                throw Error($"expected '{expected}'");
            }
        }

        public int ReadKey()
        {
            SkipWhitespace();
            if (!AtEnd && text[_position] is '\'' or '"')
            {
                var quoted = ReadString();
                return int.Parse(quoted, NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            var start = _position;
            while (!AtEnd && (char.IsDigit(text[_position]) || text[_position] == '-'))
            {
                _position++;
            }

            return int.TryParse(text.AsSpan(start, _position - start), NumberStyles.Integer, CultureInfo.InvariantCulture, out var key)
                ? key
                : throw Error("expected a class index");
        }

        public string ReadString()
        {
            var quote = Next();
            if (quote is not ('\'' or '"'))
            {
                throw Error("expected a quoted name");
            }

            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var c = text[_position++];
                if (c == quote)
                {
                    return value.ToString();
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                var escaped = AtEnd ? throw Error("unterminated escape") : text[_position++];
                switch (escaped)
                {
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    case 'u': value.Append(ReadHex(4)); break;
                    case 'U': value.Append(char.ConvertFromUtf32(ReadHexCodePoint(8))); break;
                    case 'x': value.Append(ReadHex(2)); break;
                    default: value.Append(escaped); break;
                }
            }
        }

        private char ReadHex(int digits) => (char)ReadHexCodePoint(digits);

        private int ReadHexCodePoint(int digits)
        {
            if (_position + digits > text.Length
                || !int.TryParse(text.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
            {
                throw Error("bad escape");
            }

            _position += digits;
            return codePoint;
        }

        private FormatException Error(string problem) =>
            new($"Cannot read class names '{text}': {problem} at {_position}.");
    }
}
