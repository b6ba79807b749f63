package dev.parley.sip.auth;

import java.nio.charset.StandardCharsets;

/**
 * One line of the users file, decoded: whose credentials, for which realm and algorithm, and the HA1. Used while
 * loading and writing the file only. {@link #toString()} never shows the HA1.
 */
final class UserEntry
{
    final String aor;
    final byte[] user;
    final byte[] domain;
    final byte[] realm;
    final DigestAlgorithm algorithm;
    final byte[] ha1;
    final int line;

    UserEntry(final String aor, final String realm, final DigestAlgorithm algorithm, final byte[] ha1, final int line)
    {
        final int at = aor.lastIndexOf('@');
        this.aor = aor;
        this.user = aor.substring(0, at).getBytes(StandardCharsets.UTF_8);
        this.domain = aor.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
        this.algorithm = algorithm;
        this.ha1 = ha1;
        this.line = line;
    }

    @Override
    public String toString()
    {
        return aor + " " + new String(realm, StandardCharsets.UTF_8) + " " + algorithm.token() + " [HA1 hidden]";
    }
}
