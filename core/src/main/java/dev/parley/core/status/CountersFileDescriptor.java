package dev.parley.core.status;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of {@code counters.dat} in {@code parley.data.dir}: a header, then the Agrona counters metadata and
 * values buffers, then the {@code DistinctErrorLog} buffer. Written by the server, mapped read-only by
 * {@code parley stat}; it stays on disk after the server exits so the last values can still be read.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Magic / version                       |
 *  +---------------------------------------------------------------+
 *  |                     Metadata buffer length                    |
 *  +---------------------------------------------------------------+
 *  |                      Values buffer length                     |
 *  +---------------------------------------------------------------+
 *  |                       Error log length                        |
 *  +---------------------------------------------------------------+
 *  |                          PID (64 bits)                        |
 *  +---------------------------------------------------------------+
 *  |                  Start time, epoch ms (64 bits)               |
 *  +---------------------------------------------------------------+
 *  |                  ... padding to HEADER_LENGTH                 |
 *  +---------------------------------------------------------------+
 *  |                        Metadata buffer                       ...
 *  +---------------------------------------------------------------+
 *  |                         Values buffer                        ...
 *  +---------------------------------------------------------------+
 *  |                           Error log                          ...
 *  +---------------------------------------------------------------+
 * </pre>
 * All header fields are native byte order, as Agrona buffers default to.
 */
public final class CountersFileDescriptor
{
    /**
     * File name inside the data directory.
     */
    public static final String FILE_NAME = "counters.dat";

    /**
     * {@code 'P' 'R' 'L' 'Y'} in the high bytes, layout version 1 in the low byte.
     */
    public static final int MAGIC_VERSION = 0x50524C01;

    public static final int MAGIC_VERSION_OFFSET = 0;
    public static final int METADATA_LENGTH_OFFSET = MAGIC_VERSION_OFFSET + SIZE_OF_INT;
    public static final int VALUES_LENGTH_OFFSET = METADATA_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int ERROR_LOG_LENGTH_OFFSET = VALUES_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int PID_OFFSET = ERROR_LOG_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int START_TIMESTAMP_OFFSET = PID_OFFSET + SIZE_OF_LONG;

    /**
     * Two cache lines, so the buffers that follow start aligned.
     */
    public static final int HEADER_LENGTH = 128;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param metadataLength bytes of counters metadata.
     * @return offset of the values buffer.
     */
    public static int valuesOffset(final int metadataLength)
    {
        return HEADER_LENGTH + metadataLength;
    }

    /**
     * @param metadataLength bytes of counters metadata.
     * @param valuesLength   bytes of counter values.
     * @return offset of the error log.
     */
    public static int errorLogOffset(final int metadataLength, final int valuesLength)
    {
        return HEADER_LENGTH + metadataLength + valuesLength;
    }
}
