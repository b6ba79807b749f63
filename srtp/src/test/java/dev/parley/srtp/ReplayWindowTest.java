package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest
{
    @ParameterizedTest
    @ValueSource(ints = { 64, 128, 1024, 32768 })
    void shouldAcceptEveryIndexOnceInsideTheWindow(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size);
        window.accept(10_000);

        for (long index = 10_000 - size + 1; index < 10_000; index++)
        {
            assertEquals(0, window.check(index), "index " + index);
            window.accept(index);
            assertEquals(SrtpError.REPLAYED, window.check(index), "index " + index);
        }
        assertEquals(SrtpError.REPLAYED, window.check(10_000));
        assertEquals(SrtpError.TOO_OLD, window.check(10_000 - size));
        assertEquals(10_000, window.highest());
    }

    @ParameterizedTest
    @ValueSource(ints = { 64, 128, 4096 })
    void shouldForgetIndicesItMovesPast(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size);
        for (long index = 0; index < 3 * size; index++)
        {
            window.accept(index);
        }

        window.accept(3L * size + size / 2);

        for (long index = 3L * size; index < 3L * size + size / 2; index++)
        {
            assertEquals(0, window.check(index), "index " + index);
        }
        assertEquals(SrtpError.REPLAYED, window.check(3L * size - 1));
        assertEquals(SrtpError.TOO_OLD, window.check(2L * size + size / 2));
    }

    @ParameterizedTest
    @ValueSource(ints = { 64, 256 })
    void shouldClearEverythingOnJumpLongerThanTheWindow(final int size)
    {
        final ReplayWindow window = new ReplayWindow(size);
        window.accept(5);

        window.accept(5L + size * 10L);

        assertEquals(0, window.check(5L + size * 10L - 1));
        assertEquals(SrtpError.TOO_OLD, window.check(5));
    }
}
