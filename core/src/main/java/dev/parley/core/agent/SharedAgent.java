package dev.parley.core.agent;

import java.util.List;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

/**
 * Several agents taking turns on one thread (layout {@code shared}). Unlike Agrona's {@code CompositeAgent}, an
 * exception from one agent is handed to the error handler and the others still get their turn in the same cycle,
 * and agents close in reverse start order, as they do in the {@code dedicated} layout.
 */
public final class SharedAgent implements Agent
{
    private final Agent[] agents;
    private final ErrorHandler errorHandler;

    /**
     * @param agents       the agents, in start and duty-cycle order.
     * @param errorHandler receives exceptions escaping an agent's {@code doWork()}.
     */
    public SharedAgent(final List<Agent> agents, final ErrorHandler errorHandler)
    {
        this.agents = agents.toArray(new Agent[0]);
        this.errorHandler = errorHandler;
    }

    @Override
    public void onStart()
    {
        for (final Agent agent : agents)
        {
            agent.onStart();
        }
    }

    @Override
    public int doWork()
    {
        int work = 0;
        for (final Agent agent : agents)
        {
            try
            {
                work += agent.doWork();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in " + agent.roleName(), ex);
            }
            catch (final Exception ex)
            {
                errorHandler.onError(ex);
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (int i = agents.length - 1; i >= 0; i--)
        {
            try
            {
                agents[i].onClose();
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
        }
    }

    @Override
    public String roleName()
    {
        return "parley-shared";
    }
}
