package dev.parley.srtp.sdes;

import dev.parley.srtp.SrtpProfile;

/**
 * SDES offer/answer (RFC 4568 §5.1, §7.1) by parley's suite preference, the order that {@code parley.srtp.suites}
 * gives (most preferred first; a suite missing from it is never offered nor accepted).
 * <ul>
 *   <li>{@link #answer}: of the acceptable offered lines, take the one whose suite ranks best, the earlier line on a
 *   tie; answer with the same tag and suite and a fresh key.</li>
 *   <li>{@link #offer}: one line per preferred suite, tags 1 to n, fresh keys.</li>
 *   <li>{@link #acceptAnswer}: the answer's tag must be one parley offered and its suite that tag's suite.</li>
 * </ul>
 * Keys are written only on success, so a failed re-offer leaves the session's keys as they were (RFC 3261 §14).
 * Signalling path: allocates nothing per call except what the key source does; single-threaded.
 */
public final class SdesNegotiator
{
    /**
     * The SIP status to reject an offer with when {@link #answer} finds no acceptable line: 488 Not Acceptable Here
     * (RFC 3261 §21.4.26).
     */
    public static final int NOT_ACCEPTABLE_HERE = 488;

    private final SrtpProfile[] preference;
    private final SdesKeySource keySource;

    /**
     * @param preference suites most preferred first, as read from {@code parley.srtp.suites}; copied.
     * @param keySource  where fresh keys come from, {@link SdesKeySource#secureRandom} outside tests.
     * @throws IllegalArgumentException when the preference is empty or holds null (a configuration fault).
     */
    public SdesNegotiator(final SrtpProfile[] preference, final SdesKeySource keySource)
    {
        if (0 == preference.length)
        {
            throw new IllegalArgumentException("SDES needs at least one suite in parley.srtp.suites");
        }
        for (final SrtpProfile profile : preference)
        {
            if (null == profile)
            {
                throw new IllegalArgumentException("SDES suite preference holds null");
            }
        }
        this.preference = preference.clone();
        this.keySource = keySource;
    }

    /**
     * @param profile a suite.
     * @return its rank, 0 for the most preferred, or -1 when it is not enabled.
     */
    public int rank(final SrtpProfile profile)
    {
        for (int i = 0; i < preference.length; i++)
        {
            if (preference[i] == profile)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Choose the line to answer an offer with and key both directions.
     *
     * @param offer the offer's lines for one media description, in offer order.
     * @param keys  filled on success: the chosen tag and suite, the offer's key (remote) and a fresh one (local);
     *              untouched otherwise.
     * @return {@link SdesReason#NONE}, or {@link SdesReason#NO_ACCEPTABLE_CRYPTO} which the caller answers with
     * {@link #NOT_ACCEPTABLE_HERE} (or by rejecting the stream); each line's own reason says why it was not taken.
     */
    public SdesReason answer(final CryptoLines offer, final SdesKeys keys)
    {
        int chosen = -1;
        int chosenRank = Integer.MAX_VALUE;
        for (int i = 0, count = offer.count(); i < count; i++)
        {
            final CryptoAttribute line = offer.line(i);
            final int rank = line.isAcceptable() ? rank(line.profile()) : -1;
            if (rank >= 0 && rank < chosenRank)
            {
                chosen = i;
                chosenRank = rank;
            }
        }
        if (chosen < 0)
        {
            return SdesReason.NO_ACCEPTABLE_CRYPTO;
        }

        final CryptoAttribute line = offer.line(chosen);
        keys.set(line.profile(), line.tag(), line);
        keySource.nextKeyMaterial(keys.localKeyMaterial(), 0, line.profile().keyMaterialLength());
        return SdesReason.NONE;
    }

    /**
     * Build an offer: every preferred suite once, in preference order, tags 1 to n, each with a fresh key.
     *
     * @param offer destroyed, then filled.
     */
    public void offer(final SdesOffer offer)
    {
        offer.destroy();
        for (final SrtpProfile profile : preference)
        {
            if (!offer.contains(profile))
            {
                keySource.nextKeyMaterial(offer.add(profile), 0, profile.keyMaterialLength());
            }
        }
    }

    /**
     * Accept the answer to an offer parley made.
     *
     * @param offer  the offer that was sent.
     * @param answer the answer's lines for the same media description; exactly one is expected.
     * @param keys   filled on success; untouched otherwise.
     * @return {@link SdesReason#NONE}, {@link SdesReason#ANSWER_LINE_COUNT}, or as
     * {@link #acceptAnswer(SdesOffer, CryptoAttribute, SdesKeys)}.
     */
    public SdesReason acceptAnswer(final SdesOffer offer, final CryptoLines answer, final SdesKeys keys)
    {
        if (1 != answer.count())
        {
            return SdesReason.ANSWER_LINE_COUNT;
        }
        return acceptAnswer(offer, answer.line(0), keys);
    }

    /**
     * Accept the answer line to an offer parley made.
     *
     * @param offer  the offer that was sent; its keys stay (see {@link SdesOffer}).
     * @param answer the answer's only {@code a=crypto} line.
     * @param keys   filled on success: the tag and suite, the answer's key (remote) and the key parley offered
     *               with that tag (local); untouched otherwise.
     * @return {@link SdesReason#NONE}; {@link SdesReason#UNKNOWN_TAG} or {@link SdesReason#SUITE_MISMATCH}
     * (RFC 4568 §7.1.3); else the line's own defect, e.g. {@link SdesReason#MKI_UNSUPPORTED}.
     */
    public SdesReason acceptAnswer(final SdesOffer offer, final CryptoAttribute answer, final SdesKeys keys)
    {
        final SdesReason lineReason = answer.reason();
        if (answer.tag() < 0 || (null == answer.profile() && SdesReason.UNKNOWN_SUITE != lineReason))
        {
            return lineReason;
        }
        final int index = offer.indexOfTag(answer.tag());
        if (index < 0)
        {
            return SdesReason.UNKNOWN_TAG;
        }
        if (offer.profile(index) != answer.profile())
        {
            return SdesReason.SUITE_MISMATCH;
        }
        if (!answer.isAcceptable())
        {
            return lineReason;
        }

        keys.set(answer.profile(), answer.tag(), answer);
        System.arraycopy(offer.keyMaterial(index), 0, keys.localKeyMaterial(), 0, keys.keyMaterialLength());
        return SdesReason.NONE;
    }
}
