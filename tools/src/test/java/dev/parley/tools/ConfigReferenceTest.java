package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.parley.core.config.ConfigReference;

class ConfigReferenceTest
{
    @Test
    void shouldMatchCheckedInDocsConfig() throws IOException
    {
        final Path doc = Path.of("..", "docs", "CONFIG.md");

        final String checkedIn = Files.readString(doc);

        assertEquals(ConfigReference.markdown(ParleyConfiguration.keys()), checkedIn,
            "docs/CONFIG.md is stale: regenerate with bin/parley server --print-config-reference > docs/CONFIG.md");
    }
}
