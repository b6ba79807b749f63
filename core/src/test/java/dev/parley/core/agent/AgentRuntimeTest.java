package dev.parley.core.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigLoader;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.CounterSample;
import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ErrorRecorder;

class AgentRuntimeTest
{
    @TempDir
    private Path dir;

    @Test
    void shouldKeepLoopRunningAndRecordWhenAgentThrows() throws Exception
    {
        try (CountersFile file = CountersFile.create(dir, 128, 64 * 1024, 1, 1))
        {
            final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
            final AtomicCounter errors = counters.newCounter(CoreCounter.ERRORS);
            final ErrorRecorder recorder = new ErrorRecorder(file, SystemEpochClock.INSTANCE, errors);
            final CountingAgent faulty = new CountingAgent("parley-io", 3, null);
            final CountingAgent healthy = new CountingAgent("parley-sip", -1, null);

            try (AgentRuntime runtime = AgentRuntime.start(
                config("shared"), counters, recorder, List.of(faulty, healthy)))
            {
                awaitCondition(() -> faulty.calls.get() > 10 && healthy.calls.get() > 10);

                assertEquals(1, runtime.threadCount());
                assertEquals(1, errors.get());
            }
        }
    }

    @ParameterizedTest(name = "layout {0}")
    @ValueSource(strings = { "shared", "dedicated" })
    void shouldCloseAgentsInReverseStartOrder(final String layout) throws Exception
    {
        final List<String> closed = Collections.synchronizedList(new ArrayList<>());
        try (CountersFile file = CountersFile.create(dir, 128, 64 * 1024, 1, 1))
        {
            final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
            final CountingAgent io = new CountingAgent("parley-io", -1, closed);
            final CountingAgent sip = new CountingAgent("parley-sip", -1, closed);

            final AgentRuntime runtime = AgentRuntime.start(
                config(layout), counters, Throwable::printStackTrace, List.of(io, sip));
            awaitCondition(() -> io.calls.get() > 0 && sip.calls.get() > 0);
            runtime.close();

            assertEquals(List.of("parley-sip", "parley-io"), closed);
            assertEquals("dedicated".equals(layout), io.thread != sip.thread);
            assertEquals("dedicated".equals(layout) ? 2 : 1, runtime.threadCount());
        }
    }

    @Test
    void shouldPublishDutyCycleCountersPerAgent() throws Exception
    {
        try (CountersFile file = CountersFile.create(dir, 128, 64 * 1024, 1, 1))
        {
            final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
            final CountingAgent io = new CountingAgent("parley-io", -1, null);

            try (AgentRuntime ignored = AgentRuntime.start(
                config("shared"), counters, Throwable::printStackTrace, List.of(io)))
            {
                awaitCondition(() -> io.calls.get() > 100);
                final Map<String, Long> values = new java.util.HashMap<>();
                for (final CounterSample sample : CounterSamples.read(file.reader()))
                {
                    values.put(sample.series(), sample.value());
                }

                assertTrue(values.get("parley_agent_work_total{agent=\"parley-io\"}") > 100, values.toString());
                assertTrue(values.get("parley_agent_cycle_max_ns{agent=\"parley-io\"}") > 0, values.toString());
                assertEquals(0, values.get("parley_cpu_pin_failures_total"));
            }
        }
    }

    @Test
    void shouldMapRoleNamesToConfigRoles()
    {
        assertEquals("io", AgentRuntime.role("parley-io"));
        assertEquals("media", AgentRuntime.role("parley-media-0"));
        assertEquals("sip", AgentRuntime.role("parley-sip-echo"));
    }

    private static Config config(final String layout)
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.threads", layout);
        properties.setProperty("parley.idle.io", "yield");
        properties.setProperty("parley.idle.sip", "yield");
        return new ConfigLoader(AgentConfiguration.keys()).load(null, Map.of(), properties);
    }

    static void awaitCondition(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (deadlineNs - System.nanoTime() < 0)
            {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static final class CountingAgent implements Agent
    {
        private final String roleName;
        private final int throwOnCall;
        private final List<String> closed;
        private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        private volatile Thread thread;

        CountingAgent(final String roleName, final int throwOnCall, final List<String> closed)
        {
            this.roleName = roleName;
            this.throwOnCall = throwOnCall;
            this.closed = closed;
        }

        @Override
        public int doWork()
        {
            thread = Thread.currentThread();
            if (calls.incrementAndGet() == throwOnCall)
            {
                throw new IllegalStateException("fault in " + roleName);
            }
            return 1;
        }

        @Override
        public void onClose()
        {
            if (null != closed)
            {
                closed.add(roleName);
            }
        }

        @Override
        public String roleName()
        {
            return roleName;
        }
    }
}
