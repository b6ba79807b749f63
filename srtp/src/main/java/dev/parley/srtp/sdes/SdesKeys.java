package dev.parley.srtp.sdes;

import java.util.Arrays;

import dev.parley.srtp.SrtpProfile;

/**
 * The outcome of an SDES negotiation, handed to the SRTP layer: the suite and tag agreed, parley's own key material
 * (it protects what parley sends) and the peer's (it protects what parley receives), each master key then master
 * salt (RFC 4568 §6.1).
 * <p>
 * Key hygiene: {@link #toString()} shows the suite and tag only, nothing here logs, and {@link #destroy()} zeroes
 * both keys; call it once the SRTP contexts are keyed or the call ends. Reusable; signalling thread only.
 */
public final class SdesKeys
{
    private final byte[] localKeyMaterial = new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH];
    private final byte[] remoteKeyMaterial = new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH];
    private SrtpProfile profile;
    private int tag = -1;
    private long remoteLifetime;
    private int remoteWindowSizeHint = -1;

    /**
     * @return whether a negotiation filled this holder since the last {@link #destroy()}.
     */
    public boolean isSet()
    {
        return null != profile;
    }

    /**
     * @return the agreed suite, or null when not set.
     */
    public SrtpProfile profile()
    {
        return profile;
    }

    /**
     * @return the agreed tag, the one the answer echoes, or -1 when not set.
     */
    public int tag()
    {
        return tag;
    }

    /**
     * @return bytes of key material on each side: the suite's master key plus master salt, 0 when not set.
     */
    public int keyMaterialLength()
    {
        return null == profile ? 0 : profile.keyMaterialLength();
    }

    /**
     * Copy parley's key material, which protects what parley sends: master key ({@link SrtpProfile#keyLength()}
     * bytes) then master salt.
     *
     * @param dst       where to copy; the caller wipes it when done.
     * @param dstOffset first byte written.
     * @return bytes copied.
     */
    public int copyLocalKeyMaterial(final byte[] dst, final int dstOffset)
    {
        final int length = keyMaterialLength();
        System.arraycopy(localKeyMaterial, 0, dst, dstOffset, length);
        return length;
    }

    /**
     * Copy the peer's key material, which protects what parley receives: master key then master salt.
     *
     * @param dst       where to copy; the caller wipes it when done.
     * @param dstOffset first byte written.
     * @return bytes copied.
     */
    public int copyRemoteKeyMaterial(final byte[] dst, final int dstOffset)
    {
        final int length = keyMaterialLength();
        System.arraycopy(remoteKeyMaterial, 0, dst, dstOffset, length);
        return length;
    }

    /**
     * @return the peer's master key lifetime in packets, or 0 for the suite's maximum.
     */
    public long remoteLifetime()
    {
        return remoteLifetime;
    }

    /**
     * @return the peer's replay window size hint ({@code WSH}) in packets, or -1 when it gave none.
     */
    public int remoteWindowSizeHint()
    {
        return remoteWindowSizeHint;
    }

    /**
     * Zero both keys and forget the negotiation.
     */
    public void destroy()
    {
        Arrays.fill(localKeyMaterial, (byte)0);
        Arrays.fill(remoteKeyMaterial, (byte)0);
        profile = null;
        tag = -1;
        remoteLifetime = 0;
        remoteWindowSizeHint = -1;
    }

    /**
     * @return suite and tag; never key bytes.
     */
    @Override
    public String toString()
    {
        return "SdesKeys{tag=" + tag + ", suite=" + (null == profile ? "none" : profile.sdesName()) + "}";
    }

    void set(final SrtpProfile profile, final int tag, final CryptoAttribute remote)
    {
        destroy();
        this.profile = profile;
        this.tag = tag;
        remote.copyKeyMaterial(remoteKeyMaterial, 0);
        remoteLifetime = remote.lifetime();
        remoteWindowSizeHint = remote.windowSizeHint();
    }

    byte[] localKeyMaterial()
    {
        return localKeyMaterial;
    }
}
