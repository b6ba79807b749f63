package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class HeaderTypeTest
{
    private static final String TOKEN_CHARS =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    @Test
    void shouldFindEveryNameInAnyCase()
    {
        for (int type = 1; type < HeaderType.COUNT; type++)
        {
            final String name = new String(HeaderType.name(type), StandardCharsets.US_ASCII);
            for (final String spelling : new String[] {name, name.toLowerCase(Locale.ROOT),
                name.toUpperCase(Locale.ROOT), alternateCase(name)})
            {
                final UnsafeBuffer buffer = TestBytes.buffer(spelling);

                assertEquals(type, HeaderType.lookup(buffer, 0, spelling.length()), spelling);
                assertEquals(type, HeaderType.lookupToken(buffer, 0, spelling.length()), spelling);
            }
        }
    }

    @Test
    void shouldFindCompactForms()
    {
        final String compact = "vftimlceksorxbu";
        for (int i = 0; i < compact.length(); i++)
        {
            final String lower = compact.substring(i, i + 1);
            final UnsafeBuffer buffer = TestBytes.buffer(lower + lower.toUpperCase(Locale.ROOT));

            assertEquals(HeaderType.lookup(buffer, 0, 1), HeaderType.lookupToken(buffer, 0, 1), lower);
            assertEquals(HeaderType.lookup(buffer, 1, 1), HeaderType.lookupToken(buffer, 1, 1), lower);
        }
        assertEquals(HeaderType.VIA, HeaderType.lookupToken(TestBytes.buffer("V"), 0, 1));
    }

    @Test
    void shouldAgreeWithLookupOnNearMissesAndRandomTokens()
    {
        final SplittableRandom random = new SplittableRandom(0x3261L);
        for (int round = 0; round < 200_000; round++)
        {
            final char[] chars;
            if (random.nextBoolean())
            {
                // A table name with one character replaced, inserted or removed.
                final String name = new String(
                    HeaderType.name(1 + random.nextInt(HeaderType.COUNT - 1)), StandardCharsets.US_ASCII);
                final StringBuilder sb = new StringBuilder(name);
                final int at = random.nextInt(name.length());
                final char c = TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length()));
                switch (random.nextInt(3))
                {
                    case 0 -> sb.setCharAt(at, c);
                    case 1 -> sb.insert(at, c);
                    default -> sb.deleteCharAt(at);
                }
                chars = sb.toString().toCharArray();
            }
            else
            {
                chars = new char[1 + random.nextInt(20)];
                for (int i = 0; i < chars.length; i++)
                {
                    chars[i] = TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length()));
                }
            }
            if (chars.length == 0)
            {
                continue;
            }
            final String text = new String(chars);
            final UnsafeBuffer buffer = TestBytes.buffer(text);

            assertEquals(HeaderType.lookup(buffer, 0, chars.length), HeaderType.lookupToken(buffer, 0, chars.length),
                text);
        }
    }

    private static String alternateCase(final String name)
    {
        final StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
