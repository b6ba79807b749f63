package dev.parley.perf;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The SIP messages the SIP benchmarks parse and answer, as a softphone would send them: an INVITE of about 900 bytes
 * with an SDP offer of five codecs, and a REGISTER with Contact expires and Digest credentials; then the REGISTER
 * SIPp sends from the shared bench's {@code register.xml}, and a UAS's 200 OK with an SDP answer to an INVITE. All
 * use CRLF line ends and a Content-Length that matches the body. Benchmark set-up only.
 */
final class SipBenchMessages
{
    static final String INVITE_BRANCH = "z9hG4bK776asdhds-4a2f.1";
    static final String INVITE_FROM_TAG = "1928301774";
    static final String INVITE_CALL_ID = "a84b4c76e66710-5b2a@pc33.atlanta.example.com";
    static final long INVITE_CSEQ = 314159;
    static final String INVITE_SDP =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 9 18 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=fmtp:18 annexb=no\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";
    static final String INVITE_HEAD =
        "INVITE sip:bob@biloxi.example.com;transport=udp SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=" + INVITE_BRANCH + ";rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=" + INVITE_FROM_TAG + "\r\n" +
        "To: \"Bob Builder\" <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: " + INVITE_CALL_ID + "\r\n" +
        "CSeq: " + INVITE_CSEQ + " INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.101:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, UPDATE, PRACK\r\n" +
        "Supported: replaces, timer, 100rel\r\n" +
        "User-Agent: Softphone/7.2.1 (Linux x86_64)\r\n" +
        "Content-Type: application/sdp\r\n";

    static final String REGISTER_USERNAME = "bob";
    static final String REGISTER_NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    static final String REGISTER_RESPONSE = "245f23415f11432b3434341c022a9b5d";
    static final int REGISTER_EXPIRES = 3600;
    static final String REGISTER =
        "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.201:5060;branch=z9hG4bKnashds7-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: Bob <sip:bob@biloxi.example.com>;tag=a73kszlfl\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.201\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.201:5060;transport=udp>;expires=" + REGISTER_EXPIRES +
        ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>\"\r\n" +
        "Authorization: Digest username=\"" + REGISTER_USERNAME + "\", realm=\"biloxi.example.com\", nonce=\"" +
        REGISTER_NONCE + "\", uri=\"sip:registrar.biloxi.example.com\", response=\"" + REGISTER_RESPONSE +
        "\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001, " +
        "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n" +
        "User-Agent: Softphone/7.2.1 (Linux x86_64)\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    static final String SIPP_BRANCH = "z9hG4bK-31337-4711-0";
    static final String SIPP_FROM_TAG = "31337R4711";
    static final String SIPP_CALL_ID = "4711-31337@127.0.0.1";
    /**
     * The REGISTER of the shared bench's {@code register.xml} as SIPp sends it for call 4711 of process 31337, bound
     * to 127.0.0.1:25180, to a registrar on 127.0.0.1:25370: no display names, no auth, 11 headers.
     */
    static final String REGISTER_SIPP =
        "REGISTER sip:127.0.0.1:25370 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:25180;branch=" + SIPP_BRANCH + "\r\n" +
        "From: <sip:u4711@127.0.0.1>;tag=" + SIPP_FROM_TAG + "\r\n" +
        "To: <sip:u4711@127.0.0.1>\r\n" +
        "Call-ID: " + SIPP_CALL_ID + "\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "Contact: <sip:u4711@127.0.0.1:25180>\r\n" +
        "Max-Forwards: 70\r\n" +
        "Expires: 3600\r\n" +
        "User-Agent: SIPp-bench\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    static final String RESPONSE_BRANCH = "z9hG4bK-load-7f3a9c21-1";
    static final String RESPONSE_TO_TAG = "p8c3f0a917b2e4d56";
    static final String RESPONSE_CALL_ID = "7f3a9c21d4e8b6a0@127.0.0.1";
    static final long RESPONSE_CSEQ = 1;
    static final String RESPONSE_CONTACT = "sip:127.0.0.1:25070";
    static final String LOAD_BRANCH = "z9hG4bK00a1b2c3d4e5f607";

    /**
     * The SDP answer a UAS would send (PCMU plus telephone-event), written ahead of time for the write benchmark.
     */
    static final String ANSWER_SDP =
        "v=0\r\n" +
        "o=parley 4223 1 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 0 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=sendrecv\r\n";

    private SipBenchMessages()
    {
    }

    /**
     * @return a 200 OK to an INVITE as a UAS answers it: the Via echoed with received and rport filled in, From and
     * To with tags, Call-ID, CSeq, Contact, Content-Type, Content-Length, then {@link #ANSWER_SDP}.
     */
    static String response200()
    {
        return "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:25180;branch=" + RESPONSE_BRANCH + ";received=127.0.0.1;rport=25180\r\n" +
            "From: <sip:load@127.0.0.1:25180>;tag=7f3a9c21\r\n" +
            "To: <sip:service@127.0.0.1:25070>;tag=" + RESPONSE_TO_TAG + "\r\n" +
            "Call-ID: " + RESPONSE_CALL_ID + "\r\n" +
            "CSeq: " + RESPONSE_CSEQ + " INVITE\r\n" +
            "Contact: <" + RESPONSE_CONTACT + ">\r\n" +
            "Content-Type: application/sdp\r\n" +
            "Content-Length: " + ANSWER_SDP.length() + "\r\n" +
            "\r\n" +
            ANSWER_SDP;
    }

    /**
     * @return a 180 Ringing as a UAS sends it to parley load, whose branches are {@code z9hG4bK} and 16 hex digits:
     * the Via echoed with received and rport, From and To with tags, Call-ID, CSeq, Contact, no body.
     */
    static String ringing()
    {
        return "SIP/2.0 180 Ringing\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:25180;branch=" + LOAD_BRANCH + ";received=127.0.0.1;rport=25180\r\n" +
            "From: <sip:load@127.0.0.1:25180>;tag=7f3a9c21\r\n" +
            "To: <sip:service@127.0.0.1:25070>;tag=" + RESPONSE_TO_TAG + "\r\n" +
            "Call-ID: " + RESPONSE_CALL_ID + "\r\n" +
            "CSeq: " + RESPONSE_CSEQ + " INVITE\r\n" +
            "Contact: <" + RESPONSE_CONTACT + ">\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
    }

    /**
     * @return the INVITE: head, Content-Length, blank line, SDP offer.
     */
    static String invite()
    {
        return INVITE_HEAD + "Content-Length: " + INVITE_SDP.length() + "\r\n\r\n" + INVITE_SDP;
    }

    /**
     * @param text ASCII text.
     * @return a heap buffer of exactly its bytes.
     */
    static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(ascii(text));
    }

    /**
     * @param text ASCII text.
     * @return its bytes.
     */
    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param buffer where the bytes are.
     * @param offset start.
     * @param length length.
     * @return the bytes as text, for set-up checks.
     */
    static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    /**
     * Fails the set-up when a value read back from a parsed message is not what was sent.
     *
     * @param what     what was checked.
     * @param expected the value sent.
     * @param actual   the value read back.
     */
    static void check(final String what, final Object expected, final Object actual)
    {
        if (!expected.equals(actual))
        {
            throw new IllegalStateException(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }
}
