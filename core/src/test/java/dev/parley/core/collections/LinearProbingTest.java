package dev.parley.core.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link LinearProbing#movesBack} against the direct statement of the rule: a member stays when its home lies
 * cyclically in (hole, probe].
 */
class LinearProbingTest
{
    @Test
    void aMemberMovesBackExactlyWhenItsHomeIsNotBetweenTheHoleAndItself()
    {
        final int mask = 15;
        for (int hole = 0; hole <= mask; hole++)
        {
            for (int distance = 1; distance <= mask; distance++)
            {
                final int probe = (hole + distance) & mask;
                for (int home = 0; home <= mask; home++)
                {
                    final boolean stays = hole <= probe ? hole < home && home <= probe : hole < home || home <= probe;
                    assertEquals(!stays, LinearProbing.movesBack(home, hole, probe, mask),
                        "home " + home + " hole " + hole + " probe " + probe);
                }
            }
        }
    }

    @Test
    void homeIsWithinTheTable()
    {
        for (long hash = -1000; hash < 1000; hash++)
        {
            final int home = LinearProbing.home(hash * 0x100000001b3L, 255);
            assertEquals(home & 255, home);
        }
    }
}
