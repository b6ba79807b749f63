package dev.parley.tools.load;

import dev.parley.rtp.WavFile;

/**
 * The media of a load run ({@code --rtp}), checked.
 *
 * @param rtp       whether established calls carry RTP.
 * @param firstPort the first local RTP port, 0 for any.
 * @param sockets   RTP sockets, on consecutive ports from the first; calls are spread over them.
 * @param play      the prompt every call sends (looping), or null for silence.
 */
record LoadMediaSettings(boolean rtp, int firstPort, int sockets, WavFile play)
{
    /**
     * No media: the offer's m= line names port 4000 and nothing is sent.
     */
    static final LoadMediaSettings NONE = new LoadMediaSettings(false, 0, 0, null);
}
