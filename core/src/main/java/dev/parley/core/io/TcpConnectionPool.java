package dev.parley.core.io;

/**
 * A bounded pool of {@link TcpConnection}s with ids that are not reused quickly: an id is
 * {@code generation << 32 | index}, and an entry's generation moves on each time it is taken, so a late reply
 * naming a closed connection finds no connection rather than a stranger's. Also keeps the open entries dense for
 * housekeeping scans. Owned by the io agent thread; allocation-free after construction (buffers aside, see
 * {@link TcpConnection#ensureBuffers(int)}).
 */
final class TcpConnectionPool
{
    private final TcpConnection[] connections;
    private final int[] free;
    private final int[] open;
    private final int[] openPosition;
    private int freeCount;
    private int openCount;

    /**
     * @param capacity the most connections open at once.
     */
    TcpConnectionPool(final int capacity)
    {
        connections = new TcpConnection[capacity];
        free = new int[capacity];
        open = new int[capacity];
        openPosition = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            connections[i] = new TcpConnection(i);
            // Lowest index first: the first connections use the entries whose buffers get allocated first.
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * @return whether no entry is free.
     */
    boolean isFull()
    {
        return 0 == freeCount;
    }

    /**
     * @return how many connections are open.
     */
    int openCount()
    {
        return openCount;
    }

    /**
     * @param i 0 to {@link #openCount()} - 1.
     * @return the i-th open connection; closing it moves the last open one into its place.
     */
    TcpConnection open(final int i)
    {
        return connections[open[i]];
    }

    /**
     * @param index an entry index.
     * @return the entry, open or not.
     */
    TcpConnection at(final int index)
    {
        return connections[index];
    }

    /**
     * Take a free entry and give it a new id.
     *
     * @return the entry, or {@code null} when all are open.
     */
    TcpConnection acquire()
    {
        if (0 == freeCount)
        {
            return null;
        }
        final int index = free[--freeCount];
        final TcpConnection connection = connections[index];
        int generation = (connection.generation + 1) & 0x7FFF_FFFF;
        if (0 == generation)
        {
            generation = 1;
        }
        connection.generation = generation;
        connection.id = ((long)generation << 32) | index;
        openPosition[index] = openCount;
        open[openCount++] = index;
        return connection;
    }

    /**
     * @param id a connection id from a ring slot.
     * @return the open connection with that id, or {@code null} if it closed (or never was).
     */
    TcpConnection get(final long id)
    {
        if (id < 0)
        {
            return null;
        }
        final long index = id & 0xFFFF_FFFFL;
        if (index >= connections.length)
        {
            return null;
        }
        final TcpConnection connection = connections[(int)index];
        return connection.id == id ? connection : null;
    }

    /**
     * Return an entry to the pool; its id no longer finds it.
     *
     * @param connection an open entry, its socket already closed.
     */
    void release(final TcpConnection connection)
    {
        final int index = connection.index;
        final int position = openPosition[index];
        final int last = open[--openCount];
        open[position] = last;
        openPosition[last] = position;
        connection.reset();
        free[freeCount++] = index;
    }
}
