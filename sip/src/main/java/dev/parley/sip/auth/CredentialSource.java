package dev.parley.sip.auth;

/**
 * Where the verifier takes the current credentials from on each request: a {@link UsersFile} that swaps snapshots
 * when the file changes, or a fixed {@link Credentials}.
 */
public interface CredentialSource
{
    /**
     * @return the current immutable snapshot; cheap, allocation-free.
     */
    Credentials credentials();
}
