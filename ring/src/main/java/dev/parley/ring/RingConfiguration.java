package dev.parley.ring;

import java.util.List;

import dev.parley.core.config.ConfigKey;

/**
 * Keys for the rings: slot counts and slot sizes per ring, and where slot bytes live.
 */
public final class RingConfiguration
{
    public static final String BUFFER_HEAP = "heap";
    public static final String BUFFER_DIRECT = "direct";

    public static final ConfigKey SIP_SLOTS = ConfigKey.powerOfTwo(
        "parley.ring.sip.slots", 4096, 16, 1 << 22, "slots", "Slots in the io to sip ring (a power of two).");
    public static final ConfigKey SIP_SLOT_SIZE = ConfigKey.size(
        "parley.ring.sip.slot.size", "8k", 1024, 65507,
        "Largest SIP datagram accepted; a larger one is dropped and counted (reason too-large).");
    public static final ConfigKey MEDIA_SLOTS = ConfigKey.powerOfTwo(
        "parley.ring.media.slots", 4096, 16, 1 << 22, "slots", "Slots in the io to media ring (a power of two).");
    public static final ConfigKey MEDIA_SLOT_SIZE = ConfigKey.size(
        "parley.ring.media.slot.size", "2k", 256, 65507, "Largest RTP/RTCP/STUN/DTLS datagram accepted.");
    public static final ConfigKey OUT_SLOTS = ConfigKey.powerOfTwo(
        "parley.ring.out.slots", 8192, 16, 1 << 22, "slots",
        "Slots in the out ring that every agent sends through (a power of two).");
    public static final ConfigKey OUT_SLOT_SIZE = ConfigKey.size(
        "parley.ring.out.slot.size", "8k", 1024, 65507,
        "Largest datagram sent; must be at least the sip and media slot sizes.");
    public static final ConfigKey BUFFER = ConfigKey.choice(
        "parley.ring.buffer", BUFFER_HEAP,
        "Where slot bytes live: heap (byte[]; JCE crypto works on it without copies) or direct (off-heap; saves " +
        "NIO's copy through its cached direct buffer). See docs/PERFORMANCE.md for the measurement.",
        BUFFER_HEAP, BUFFER_DIRECT);

    private RingConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(SIP_SLOTS, SIP_SLOT_SIZE, MEDIA_SLOTS, MEDIA_SLOT_SIZE, OUT_SLOTS, OUT_SLOT_SIZE, BUFFER);
    }
}
