package dev.parley.core.io;

/**
 * Called for each packet a consumer polls from a ring. Implemented once per agent and kept in a field: no lambdas
 * on the hot path.
 */
@FunctionalInterface
public interface PacketHandler
{
    /**
     * @param slot the packet, valid only during the call.
     * @return {@code true} to go on with the next packet, {@code false} to stop this poll after this one.
     */
    boolean onPacket(PacketSlot slot);
}
