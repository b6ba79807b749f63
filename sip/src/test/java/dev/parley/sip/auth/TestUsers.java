package dev.parley.sip.auth;

/**
 * Users file lines for tests of other packages, hashed with the JDK's digests rather than parley's own.
 */
public final class TestUsers
{
    private TestUsers()
    {
    }

    /**
     * @return one users file line: {@code user@realm realm ALGORITHM HA1}, newline-terminated.
     */
    public static String line(final String user, final String realm, final String algorithm, final String password)
    {
        return user + "@" + realm + " " + realm + " " + algorithm + " " +
            DigestTestSupport.ha1(algorithm, user, realm, password) + "\n";
    }

    /**
     * @return the lines of a user with both SHA-256 and MD5 entries.
     */
    public static String user(final String user, final String realm, final String password)
    {
        return line(user, realm, "SHA-256", password) + line(user, realm, "MD5", password);
    }
}
