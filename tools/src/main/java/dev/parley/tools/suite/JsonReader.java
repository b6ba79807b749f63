package dev.parley.tools.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for scenario files, so the tool needs no JSON library: objects become
 * insertion-ordered {@link Map}s, arrays {@link List}s, numbers {@link Long} (integers) or {@link Double}, and
 * {@code null} stays {@code null}. Duplicate keys and trailing data are errors. A fault throws
 * {@link SuiteFormatException} naming the source, line and column.
 */
public final class JsonReader
{
    private static final int MAX_DEPTH = 64;

    private final String source;
    private final String text;
    private int position;
    private int depth;

    private JsonReader(final String source, final String text)
    {
        this.source = source;
        this.text = text;
    }

    /**
     * @param source what to call the text in error messages (a file name).
     * @param text   the JSON text.
     * @return the value it holds.
     * @throws SuiteFormatException when the text is not one well-formed JSON value.
     */
    public static Object parse(final String source, final String text)
    {
        final JsonReader reader = new JsonReader(source, text);
        reader.skipWhitespace();
        final Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position < text.length())
        {
            throw reader.error("unexpected '" + text.charAt(reader.position) + "' after the value");
        }
        return value;
    }

    private Object value()
    {
        if (position >= text.length())
        {
            throw error("unexpected end of input");
        }
        final char c = text.charAt(position);
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if ('-' == c || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw error("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object()
    {
        enter();
        position++;
        final Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}'))
        {
            position++;
            depth--;
            return map;
        }
        while (true)
        {
            skipWhitespace();
            if (!peek('"'))
            {
                throw error("expected a string key");
            }
            final int keyPosition = position;
            final String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            final Object value = value();
            if (map.containsKey(key))
            {
                position = keyPosition;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect('}');
            depth--;
            return map;
        }
    }

    private List<Object> array()
    {
        enter();
        position++;
        final List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek(']'))
        {
            position++;
            depth--;
            return list;
        }
        while (true)
        {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect(']');
            depth--;
            return list;
        }
    }

    private String string()
    {
        position++;
        final StringBuilder builder = new StringBuilder();
        while (true)
        {
            if (position >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(position++);
            if ('"' == c)
            {
                return builder.toString();
            }
            if ('\\' == c)
            {
                builder.append(escape());
            }
            else if (c < 0x20)
            {
                position--;
                throw error("control character in a string (write \\n, \\t)");
            }
            else
            {
                builder.append(c);
            }
        }
    }

    private char escape()
    {
        if (position >= text.length())
        {
            throw error("unterminated string");
        }
        final char c = text.charAt(position++);
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (position + 4 > text.length())
                {
                    throw error("short \\u escape");
                }
                try
                {
                    final char unicode = (char)Integer.parseInt(text.substring(position, position + 4), 16);
                    position += 4;
                    return unicode;
                }
                catch (final NumberFormatException ex)
                {
                    throw error("bad \\u escape");
                }
            default:
                position--;
                throw error("bad escape \\" + c);
        }
    }

    private Object number()
    {
        final int start = position;
        if (peek('-'))
        {
            position++;
        }
        final int digitsStart = position;
        skipDigits();
        if (position == digitsStart || ('0' == text.charAt(digitsStart) && position - digitsStart > 1))
        {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek('.'))
        {
            integral = false;
            position++;
            requireDigits();
        }
        if (peek('e') || peek('E'))
        {
            integral = false;
            position++;
            if (peek('+') || peek('-'))
            {
                position++;
            }
            requireDigits();
        }
        final String token = text.substring(start, position);
        try
        {
            return integral ? (Object)Long.valueOf(token) : (Object)Double.valueOf(token);
        }
        catch (final NumberFormatException ex)
        {
            position = start;
            throw error("number out of range: " + token);
        }
    }

    private void requireDigits()
    {
        final int start = position;
        skipDigits();
        if (position == start)
        {
            throw error("bad number");
        }
    }

    private void skipDigits()
    {
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9')
        {
            position++;
        }
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw error("unexpected '" + text.charAt(position) + "'");
        }
        position += word.length();
        return value;
    }

    private void enter()
    {
        if (++depth > MAX_DEPTH)
        {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private boolean peek(final char c)
    {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(final char c)
    {
        if (!peek(c))
        {
            throw error(position < text.length() ?
                "expected '" + c + "' but found '" + text.charAt(position) + "'" : "expected '" + c + "' at the end");
        }
        position++;
    }

    private void skipWhitespace()
    {
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (' ' != c && '\t' != c && '\n' != c && '\r' != c)
            {
                return;
            }
            position++;
        }
    }

    private SuiteFormatException error(final String problem)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++)
        {
            if ('\n' == text.charAt(i))
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new SuiteFormatException(source + ": line " + line + " column " + column + ": " + problem);
    }
}
