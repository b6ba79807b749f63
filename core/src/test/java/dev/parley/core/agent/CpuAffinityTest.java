package dev.parley.core.agent;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuAffinityTest
{
    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldPinThreadToCpuZero() throws Exception
    {
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicReference<String> allowed = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            failure.set(CpuAffinity.pinCurrentThread(0));
            allowed.set(cpusAllowed());
        });

        thread.start();
        thread.join();

        assertNull(failure.get());
        assertTrue("0".equals(allowed.get()), "Cpus_allowed_list: " + allowed.get());
    }

    @Test
    void shouldRefuseCpuOutOfRange()
    {
        assertTrue(CpuAffinity.pinCurrentThread(4096).startsWith("cpu 4096 out of range"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldReportErrnoForCpuNotOnThisMachine()
    {
        final String failure = CpuAffinity.pinCurrentThread(1000);

        assertTrue(failure.contains("errno 22"), failure);
    }

    private static String cpusAllowed()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/thread-self/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
