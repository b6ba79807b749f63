package dev.parley.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version the build wrote into {@code parley-version.properties}.
 */
public final class VersionProvider implements IVersionProvider
{
    @Override
    public String[] getVersion() throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/parley-version.properties"))
        {
            if (null != in)
            {
                properties.load(in);
            }
        }
        return new String[]{
            "parley " + properties.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
