package dev.parley.tools.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users a {@code register} run registers, expanded once at start into byte arrays so that no call allocates:
 * from a pattern such as {@code user[1-100000]@example.com} (one user per number, all with one password) or from a
 * CSV file ({@code @users.csv}: lines {@code user@domain,password}; {@code #} comments and blank lines skipped).
 */
final class LoadUsers
{
    static final int MAX_USERS = 10_000_000;

    private static final Pattern RANGE = Pattern.compile("^([^\\[\\]]*)\\[(\\d+)-(\\d+)\\]([^\\[\\]]*)$");

    private final byte[][] users;
    private final byte[][] aors;
    private final byte[][] domainUris;
    private final byte[][] passwords;

    private LoadUsers(final List<String> addresses, final List<String> secrets)
    {
        final int count = addresses.size();
        users = new byte[count][];
        aors = new byte[count][];
        domainUris = new byte[count][];
        passwords = new byte[count][];
        // Users of a pattern share their domain and password: one array each, not one per user to miss the cache on.
        final Map<String, byte[]> shared = new HashMap<>();
        for (int i = 0; i < count; i++)
        {
            final String address = addresses.get(i);
            final int at = address.indexOf('@');
            users[i] = ascii(address.substring(0, at));
            aors[i] = ascii("sip:" + address);
            domainUris[i] = shared.computeIfAbsent("sip:" + address.substring(at + 1), LoadUsers::ascii);
            passwords[i] = shared.computeIfAbsent("password " + secrets.get(i),
                key -> key.substring("password ".length()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param spec     a pattern {@code prefix[FROM-TO]suffix} or a single {@code user@domain}, or {@code @FILE}.
     * @param password the password of pattern users.
     * @return the users.
     * @throws IllegalArgumentException naming what is wrong (the caller turns it into a command-line error).
     */
    static LoadUsers parse(final String spec, final String password)
    {
        final List<String> addresses = new ArrayList<>();
        final List<String> secrets = new ArrayList<>();
        if (spec.startsWith("@"))
        {
            readCsv(Path.of(spec.substring(1)), addresses, secrets);
        }
        else
        {
            final Matcher matcher = RANGE.matcher(spec);
            if (matcher.matches())
            {
                final long from = Long.parseLong(matcher.group(2));
                final long to = Long.parseLong(matcher.group(3));
                if (to < from || to - from >= MAX_USERS)
                {
                    throw new IllegalArgumentException("range [" + from + "-" + to + "] is empty or over " +
                        MAX_USERS + " users");
                }
                for (long n = from; n <= to; n++)
                {
                    addresses.add(matcher.group(1) + n + matcher.group(4));
                    secrets.add(password);
                }
            }
            else
            {
                addresses.add(spec);
                secrets.add(password);
            }
        }
        for (final String address : addresses)
        {
            check(address);
        }
        return new LoadUsers(addresses, secrets);
    }

    private static void readCsv(final Path file, final List<String> addresses, final List<String> secrets)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int comma = line.indexOf(',');
            if (comma < 0)
            {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected user@domain,password");
            }
            addresses.add(line.substring(0, comma).strip());
            secrets.add(line.substring(comma + 1));
        }
        if (addresses.isEmpty())
        {
            throw new IllegalArgumentException(file + " holds no users");
        }
    }

    private static void check(final String address)
    {
        final int at = address.indexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@', at + 1) >= 0 ||
            !address.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\' && c != '<' && c != '>'))
        {
            throw new IllegalArgumentException("'" + address + "' is not user@domain");
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    int count()
    {
        return users.length;
    }

    /**
     * @return the digest username: the user part of the address of record.
     */
    byte[] user(final int index)
    {
        return users[index];
    }

    /**
     * @return {@code sip:user@domain}.
     */
    byte[] aor(final int index)
    {
        return aors[index];
    }

    /**
     * @return {@code sip:domain}, the Request-URI of a REGISTER (RFC 3261 §10.2).
     */
    byte[] domainUri(final int index)
    {
        return domainUris[index];
    }

    byte[] password(final int index)
    {
        return passwords[index];
    }
}
