package dev.parley.srtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the test vectors (objects, arrays, strings without unicode escapes, numbers, booleans,
 * null), so the tests need no JSON library.
 */
final class Json
{
    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    static Object parse(final String text)
    {
        final Json json = new Json(text);
        final Object value = json.value();
        json.skipBlanks();
        if (json.position != text.length())
        {
            throw new IllegalArgumentException("trailing characters at " + json.position);
        }
        return value;
    }

    private Object value()
    {
        skipBlanks();
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
                return number();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipBlanks();
        if ('}' == text.charAt(position))
        {
            position++;
            return map;
        }
        while (true)
        {
            skipBlanks();
            final String key = string();
            skipBlanks();
            expect(':');
            map.put(key, value());
            skipBlanks();
            if (',' == text.charAt(position))
            {
                position++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        position++;
        skipBlanks();
        if (']' == text.charAt(position))
        {
            position++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipBlanks();
            if (',' == text.charAt(position))
            {
                position++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder builder = new StringBuilder();
        while (true)
        {
            final char c = text.charAt(position++);
            if ('"' == c)
            {
                return builder.toString();
            }
            if ('\\' == c)
            {
                final char escaped = text.charAt(position++);
                builder.append('n' == escaped ? '\n' : 't' == escaped ? '\t' : escaped);
            }
            else
            {
                builder.append(c);
            }
        }
    }

    private Object number()
    {
        final int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        final String token = text.substring(start, position);
        if (token.isEmpty())
        {
            throw new IllegalArgumentException("unexpected character at " + start);
        }
        return token.contains(".") || token.contains("e") || token.contains("E") ?
            (Object)Double.valueOf(token) : (Object)Long.valueOf(token);
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw new IllegalArgumentException("unexpected literal at " + position);
        }
        position += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (text.charAt(position) != c)
        {
            throw new IllegalArgumentException("expected " + c + " at " + position);
        }
        position++;
    }

    private void skipBlanks()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }
}
