package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * What every sub-parser with {@code name[=value]} parameters shares (URI, name-addr, Via, Event, digest
 * credentials): the value it wrapped, and finding a parameter by name in the parameter range its {@code wrap}
 * recorded, case-insensitively, with the last value found kept as a range. One implementation for all of them,
 * over {@link ParamCursor}.
 */
public abstract class ParameterList
{
    protected final ParamCursor cursor = new ParamCursor();
    protected DirectBuffer buffer;
    protected int offset;
    protected int length;
    protected int paramsOffset;
    protected int paramsLength;
    protected int foundOffset;
    protected int foundLength;
    private final byte separator;
    private final boolean leadingSeparator;
    private final boolean escaped;

    /**
     * @param separator        between parameters: {@code ;} or {@code ,}.
     * @param leadingSeparator whether the range starts with a separator (as {@code ;a=b;c} does).
     * @param escaped          whether values may hold %-escapes (URI parameters).
     */
    protected ParameterList(final byte separator, final boolean leadingSeparator, final boolean escaped)
    {
        this.separator = separator;
        this.leadingSeparator = leadingSeparator;
        this.escaped = escaped;
    }

    /**
     * Finds a parameter by name, case-insensitively.
     *
     * @param lowerCaseName the parameter name in lower case.
     * @return whether present; its value range is then in {@link #foundValueOffset()}.
     */
    public boolean findParam(final byte[] lowerCaseName)
    {
        final boolean found = paramsOffset >= 0 &&
            cursor.reset(buffer, paramsOffset, paramsOffset + paramsLength, separator, leadingSeparator, escaped)
            .find(lowerCaseName);
        foundOffset = found ? cursor.valueOffset() : -1;
        foundLength = found ? cursor.valueLength() : 0;
        return found;
    }

    /**
     * @return value start of the parameter last found by {@link #findParam}, -1 when absent or valueless.
     */
    public int foundValueOffset()
    {
        return foundOffset;
    }

    /**
     * @return value length of the parameter last found by {@link #findParam}.
     */
    public int foundValueLength()
    {
        return foundLength;
    }

    /**
     * @param lowerCaseName the parameter name in lower case.
     * @return whether that parameter is present.
     */
    public boolean hasParam(final byte[] lowerCaseName)
    {
        return findParam(lowerCaseName);
    }

    /**
     * @param lowerCaseName the parameter name in lower case.
     * @return start of its value (without quotes), -1 when absent or valueless.
     */
    public int paramValueOffset(final byte[] lowerCaseName)
    {
        return findParam(lowerCaseName) ? foundOffset : -1;
    }

    /**
     * @param lowerCaseName the parameter name in lower case.
     * @return length of its value, 0 when absent or valueless.
     */
    public int paramValueLength(final byte[] lowerCaseName)
    {
        return findParam(lowerCaseName) ? foundLength : 0;
    }

    /**
     * @return the wrapped bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return start of the wrapped value.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return length of the wrapped value.
     */
    public int length()
    {
        return length;
    }
}
