package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CapturePatternTest
{
    @Test
    void shouldCaptureNamedGroupsWithUnderscores()
    {
        final Map<String, String> captures = new HashMap<>();

        final boolean found = CapturePattern.compile(";\\s*tag=(?<to_tag>[^;>\\s]+)(?:;x=(?<x_1>\\d+))?")
            .find("<sip:a@b>;tag=9f2;x=7", captures);

        assertTrue(found);
        assertEquals(Map.of("to_tag", "9f2", "x_1", "7"), captures);
    }

    @Test
    void shouldKeepBackReferencesAndLookbehinds()
    {
        final Map<String, String> captures = new HashMap<>();
        final CapturePattern pattern = CapturePattern.compile("(?<=a)(?<same_word>b)\\k<same_word>\\(?<no>");

        assertTrue(pattern.find("abb(<no>", captures));
        assertEquals(Map.of("same_word", "b"), captures);
    }

    @Test
    void shouldLeaveCapturesAloneWhenNotFound()
    {
        final Map<String, String> captures = new HashMap<>();

        assertFalse(CapturePattern.compile("tag=(?<t>\\w+)").find("no tag", captures));
        assertTrue(captures.isEmpty());
    }
}
