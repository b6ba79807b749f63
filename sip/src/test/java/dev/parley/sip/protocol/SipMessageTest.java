package dev.parley.sip.protocol;

import static dev.parley.sip.protocol.TestBytes.buffer;
import static dev.parley.sip.protocol.TestBytes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SipMessageTest
{
    private static final String SDP =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49172 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=sendrecv\r\n";

    private static final String INVITE_HEAD =
        "INVITE sip:bob@biloxi.example.com;transport=udp SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\r\n" +
        "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKnashds8;received=192.0.2.2\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@client.atlanta.example.com;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: parley-test/1.0\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + SDP.length() + "\r\n" +
        "\r\n";

    private static final String INVITE = INVITE_HEAD + SDP;

    private final SipMessage message = new SipMessage(64);

    @Test
    void shouldIndexTypicalInviteWithSdp()
    {
        final UnsafeBuffer buffer = buffer(INVITE);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertTrue(message.isRequest());
        assertTrue(message.isAnswerable());
        assertEquals(SipMethod.INVITE, message.method());
        assertEquals(0, message.methodOffset());
        assertEquals(6, message.methodLength());
        assertEquals(7, message.requestUriOffset());
        assertEquals("sip:bob@biloxi.example.com;transport=udp",
            text(buffer, message.requestUriOffset(), message.requestUriLength()));
        assertEquals(SipUri.SCHEME_SIP, message.requestUri().scheme());
        assertEquals(-1, message.statusCode());
        assertEquals(19, message.headerCount());
        assertEquals(0, message.offset());
        assertEquals(INVITE.length(), message.length());
        assertTrue(INVITE.length() > 850);
    }

    @Test
    void shouldRecordExactHeaderRanges()
    {
        final UnsafeBuffer buffer = buffer(INVITE);

        message.wrap(buffer, 0, buffer.capacity());

        final int callId = message.firstHeader(HeaderType.CALL_ID);
        assertEquals(INVITE.indexOf("Call-ID:"), message.headerNameOffset(callId));
        assertEquals(7, message.headerNameLength(callId));
        assertEquals(INVITE.indexOf("3848276298220188511@"), message.headerValueOffset(callId));
        assertEquals("3848276298220188511@atlanta.example.com".length(), message.headerValueLength(callId));
        assertEquals(message.headerValueOffset(callId), message.callIdOffset());
        assertEquals(message.headerValueLength(callId), message.callIdLength());
        final int allow = message.firstHeader(HeaderType.ALLOW);
        assertEquals(5, message.count(HeaderType.ALLOW));
        assertEquals("INVITE", text(buffer, message.headerValueOffset(allow), message.headerValueLength(allow)));
        final int last = message.nextHeader(HeaderType.ALLOW, message.nextHeader(HeaderType.ALLOW,
            message.nextHeader(HeaderType.ALLOW, message.nextHeader(HeaderType.ALLOW, allow))));
        assertEquals("BYE", text(buffer, message.headerValueOffset(last), message.headerValueLength(last)));
        assertEquals(-1, message.nextHeader(HeaderType.ALLOW, last));
        assertEquals(-1, message.firstHeader(HeaderType.OTHER));
    }

    @Test
    void shouldParseTransactionHeadersEagerly()
    {
        final UnsafeBuffer buffer = buffer(INVITE);

        message.wrap(buffer, 0, buffer.capacity());

        final Via via = message.topVia();
        assertEquals("client.atlanta.example.com", text(buffer, via.hostOffset(), via.hostLength()));
        assertEquals(5060, via.port());
        assertEquals("z9hG4bK74bf9", text(buffer, via.branchOffset(), via.branchLength()));
        assertTrue(via.hasRport());
        assertEquals(-1, via.rport());
        assertEquals(Via.TRANSPORT_UDP, via.transport());
        assertEquals(2, message.count(HeaderType.VIA));
        assertEquals(314159L, message.cseqNumber());
        assertEquals(SipMethod.INVITE, message.cseqMethod());
        assertEquals("9fxced76sl", text(buffer, message.fromTagOffset(), message.fromTagLength()));
        assertEquals(-1, message.toTagOffset());
        assertEquals(SDP.length(), message.contentLength());
        assertEquals(70, message.maxForwards());
        assertEquals(-1, message.expires());
    }

    @Test
    void shouldFrameBodyByContentLength()
    {
        final UnsafeBuffer buffer = buffer(INVITE);

        message.wrap(buffer, 0, buffer.capacity());

        assertEquals(INVITE_HEAD.length(), message.bodyOffset());
        assertEquals(SDP.length(), message.bodyLength());
        assertEquals(SDP, text(buffer, message.bodyOffset(), message.bodyLength()));
    }

    @Test
    void shouldKeepTypesInMask()
    {
        final UnsafeBuffer buffer = buffer(INVITE);

        message.wrap(buffer, 0, buffer.capacity());

        final long expected = (1L << HeaderType.VIA) | (1L << HeaderType.MAX_FORWARDS) | (1L << HeaderType.FROM) |
            (1L << HeaderType.TO) | (1L << HeaderType.CALL_ID) | (1L << HeaderType.CSEQ) |
            (1L << HeaderType.CONTACT) | (1L << HeaderType.ALLOW) | (1L << HeaderType.SUPPORTED) |
            (1L << HeaderType.USER_AGENT) | (1L << HeaderType.SESSION_EXPIRES) | (1L << HeaderType.CONTENT_TYPE) |
            (1L << HeaderType.CONTENT_LENGTH);
        assertEquals(expected, message.headerMask());
        assertTrue(message.hasHeader(HeaderType.SUPPORTED));
        assertFalse(message.hasHeader(HeaderType.ROUTE));
        assertEquals(-1, message.firstHeader(HeaderType.ROUTE));
        assertTrue(OptionTags.contains(message, HeaderType.SUPPORTED, TestBytes.ascii("timer")));
        assertFalse(OptionTags.contains(message, HeaderType.SUPPORTED, TestBytes.ascii("100rel")));
    }

    @Test
    void shouldIndexRegisterWithSeveralContacts()
    {
        final String text =
            "REGISTER sip:registrar.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7\r\n" +
            "Max-Forwards: 70\r\n" +
            "To: Bob <sip:bob@example.com>\r\n" +
            "From: Bob <sip:bob@example.com>;tag=456248\r\n" +
            "Call-ID: 843817637684230@998sdasdh09\r\n" +
            "CSeq: 1826 REGISTER\r\n" +
            "Contact: <sip:bob@192.0.2.4>;expires=3600, \"Bob, mobile\" <sip:bob@192.0.2.5;transport=tcp>;q=0.7\r\n" +
            "Contact: sip:bob@192.0.2.6;q=0.1\r\n" +
            "Expires: 7200\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertEquals(SipMethod.REGISTER, message.method());
        assertEquals(3, message.count(HeaderType.CONTACT));
        assertEquals(7200, message.expires());
        final NameAddr contact = new NameAddr();
        final int first = message.firstHeader(HeaderType.CONTACT);
        assertEquals("<sip:bob@192.0.2.4>;expires=3600",
            text(buffer, message.headerValueOffset(first), message.headerValueLength(first)));
        assertTrue(contact.wrap(buffer, message.headerValueOffset(first), message.headerValueLength(first)));
        assertEquals(3600, contact.expires());
        final int second = message.nextHeader(HeaderType.CONTACT, first);
        assertTrue(contact.wrap(buffer, message.headerValueOffset(second), message.headerValueLength(second)));
        assertEquals("Bob, mobile", text(buffer, contact.displayNameOffset(), contact.displayNameLength()));
        assertEquals(700, contact.q());
        assertEquals("tcp", text(buffer, contact.uri().transportOffset(), contact.uri().transportLength()));
        final int third = message.nextHeader(HeaderType.CONTACT, second);
        assertEquals("sip:bob@192.0.2.6;q=0.1",
            text(buffer, message.headerValueOffset(third), message.headerValueLength(third)));
        assertTrue(contact.wrap(buffer, message.headerValueOffset(third), message.headerValueLength(third)));
        assertEquals(100, contact.q());
        assertEquals("192.0.2.6", text(buffer, contact.uri().hostOffset(), contact.uri().hostLength()));
        assertEquals(-1, message.nextHeader(HeaderType.CONTACT, third));
    }

    @Test
    void shouldAcceptCompactFormsInAnyCase()
    {
        final String text =
            "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n" +
            "MAX-FORWARDS: 70\r\n" +
            "T: <sip:carol@chicago.example.com>\r\n" +
            "f: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
            "I: a84b4c76e66710\r\n" +
            "cSeQ: 63104 OPTIONS\r\n" +
            "m: <sip:alice@pc33.atlanta.example.com>\r\n" +
            "k: 100rel\r\n" +
            "o: presence\r\n" +
            "x: 90\r\n" +
            "c: application/sdp\r\n" +
            "L: 0\r\n" +
            "\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertEquals(HeaderType.VIA, message.headerType(0));
        assertEquals(HeaderType.MAX_FORWARDS, message.headerType(1));
        assertEquals(HeaderType.TO, message.headerType(2));
        assertEquals(HeaderType.FROM, message.headerType(3));
        assertEquals(HeaderType.CALL_ID, message.headerType(4));
        assertEquals(HeaderType.CSEQ, message.headerType(5));
        assertEquals(HeaderType.CONTACT, message.headerType(6));
        assertEquals(HeaderType.SUPPORTED, message.headerType(7));
        assertEquals(HeaderType.EVENT, message.headerType(8));
        assertEquals(HeaderType.SESSION_EXPIRES, message.headerType(9));
        assertEquals(HeaderType.CONTENT_TYPE, message.headerType(10));
        assertEquals(HeaderType.CONTENT_LENGTH, message.headerType(11));
        assertEquals("a84b4c76e66710", text(buffer, message.callIdOffset(), message.callIdLength()));
        assertEquals(0, message.contentLength());
        assertEquals(1, message.headerNameLength(0));
    }

    @Test
    void shouldKeepFoldedLinesInsideValueRanges()
    {
        final String text =
            "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\r\n" +
            "TO :\r\n" +
            " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n" +
            "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n" +
            "  ;\r\n" +
            "  tag = 98asjd8\r\n" +
            "MaX-fOrWaRdS: 0068\r\n" +
            "Call-ID: wsinv.ndaksdj@192.0.2.1\r\n" +
            "Content-Length   : 4\r\n" +
            "cseq: 0009\r\n" +
            "  INVITE\r\n" +
            "Via  : SIP  /   2.0\r\n" +
            " /UDP\r\n" +
            "    192.0.2.2;branch=390skdjuw\r\n" +
            "s :\r\n" +
            "NewFangledHeader:   newfangled value\r\n" +
            " continued newfangled value\r\n" +
            "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n" +
            "  branch  =   z9hG4bK9ikj8  ,\r\n" +
            " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n" +
            " z9hG4bK30239\r\n" +
            "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n" +
            "      newvalue ;\r\n" +
            "  secondparam ; q = 0.33\r\n" +
            "\r\n" +
            "v=0\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertEquals("1918181833n", text(buffer, message.toTagOffset(), message.toTagLength()));
        assertEquals("98asjd8", text(buffer, message.fromTagOffset(), message.fromTagLength()));
        assertEquals(68, message.maxForwards());
        assertEquals(9L, message.cseqNumber());
        assertEquals(SipMethod.INVITE, message.cseqMethod());
        assertEquals("192.0.2.2", text(buffer, message.topVia().hostOffset(), message.topVia().hostLength()));
        assertEquals("390skdjuw", text(buffer, message.topVia().branchOffset(), message.topVia().branchLength()));
        assertEquals(3, message.count(HeaderType.VIA));
        final int other = message.firstHeader(HeaderType.OTHER);
        assertEquals("newfangled value\r\n continued newfangled value",
            text(buffer, message.headerValueOffset(other), message.headerValueLength(other)));
        final int subject = message.firstHeader(HeaderType.SUBJECT);
        assertEquals(0, message.headerValueLength(subject));
        final Via via = new Via();
        final int third = message.nextHeader(HeaderType.VIA, message.nextHeader(HeaderType.VIA,
            message.firstHeader(HeaderType.VIA)));
        assertTrue(via.wrap(buffer, message.headerValueOffset(third), message.headerValueLength(third)));
        assertEquals("z9hG4bK30239", text(buffer, via.branchOffset(), via.branchLength()));
        assertEquals("192.168.255.111", text(buffer, via.hostOffset(), via.hostLength()));
        final NameAddr contact = new NameAddr();
        final int m = message.firstHeader(HeaderType.CONTACT);
        assertTrue(contact.wrap(buffer, message.headerValueOffset(m), message.headerValueLength(m)));
        assertEquals(330, contact.q());
        assertEquals("newvalue", text(buffer, contact.paramValueOffset(TestBytes.ascii("newparam")),
            contact.paramValueLength(TestBytes.ascii("newparam"))));
        assertEquals(4, message.bodyLength());
    }

    @Test
    void shouldIndexIpv6ViaAndUri()
    {
        final String text =
            "REGISTER sip:[2001:db8::10]:5070 SIP/2.0\r\n" +
            "To: sip:user@example.com\r\n" +
            "From: sip:user@example.com;tag=81x2\r\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=2001:db8::9:255;rport=6050\r\n" +
            "Call-ID: SSG9559905523997077@hlau_4100\r\n" +
            "Max-Forwards: 70\r\n" +
            "Contact: \"Caller\" <sip:caller@[2001:db8::1]>\r\n" +
            "CSeq: 98176 REGISTER\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        final SipUri uri = message.requestUri();
        assertEquals("[2001:db8::10]", text(buffer, uri.hostOffset(), uri.hostLength()));
        assertTrue(uri.isIpv6());
        assertEquals(5070, uri.port());
        final Via via = message.topVia();
        assertEquals("[2001:db8::9:1]", text(buffer, via.hostOffset(), via.hostLength()));
        assertEquals(6050, via.port());
        assertEquals("2001:db8::9:255", text(buffer, via.receivedOffset(), via.receivedLength()));
        assertEquals(6050, via.rport());
    }

    @Test
    void shouldParseResponseStatusLineAndTakeMethodFromCSeq()
    {
        final String text =
            "SIP/2.0 180 Ringing\r\n" +
            "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n" +
            "From: <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n" +
            "To: <sip:bob@biloxi.example.com>;tag=8321234356\r\n" +
            "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertFalse(message.isRequest());
        assertFalse(message.isAnswerable());
        assertEquals(180, message.statusCode());
        assertEquals("Ringing", text(buffer, message.reasonOffset(), message.reasonLength()));
        assertEquals(SipMethod.INVITE, message.method());
        assertEquals("8321234356", text(buffer, message.toTagOffset(), message.toTagLength()));
        assertEquals(-1, message.requestUriOffset());
    }

    @Test
    void shouldAcceptEmptyReasonPhrase()
    {
        final UnsafeBuffer buffer = buffer(minimalResponse("SIP/2.0 100 \r\n"));

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(100, message.statusCode());
        assertEquals(0, message.reasonLength());
    }

    @Test
    void shouldAcceptUnknownMethodWithMatchingCSeq()
    {
        final String text =
            "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:" +
            "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\r\n" +
            "To: \"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*" +
            "@example.com>\r\n" +
            "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=" +
            "\"\u00d1\u00b0\u00c2\u00b5\"\r\n" +
            "  ;tag=_token~1'+`*%!-.\r\n" +
            "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\r\n" +
            "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~\r\n" +
            "Max-Forwards: 255\r\n" +
            "extensionHeader-!.%*+_`'~:\u00ef\u00bb\u00bf\u00e5\u00a4\u00a7\u00e5\u0081\u009c\u00e9\u009b\u00bb\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.NONE, error);
        assertEquals(SipMethod.UNKNOWN, message.method());
        assertEquals("!interesting-Method0123456789_*+`.%indeed'~",
            text(buffer, message.methodOffset(), message.methodLength()));
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
            text(buffer, message.requestUri().userOffset(), message.requestUri().userLength()));
        assertEquals("_token~1'+`*%!-.", text(buffer, message.fromTagOffset(), message.fromTagLength()));
        assertEquals(255, message.maxForwards());
    }

    @Test
    void shouldIgnoreBytesAfterDeclaredBody()
    {
        final String first = minimalRequest("Content-Length: 0\r\n");
        final UnsafeBuffer buffer = buffer(first + "INVITE sip:joe@example.com SIP/2.0\r\n");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(first.length(), message.length());
        assertEquals(0, message.bodyLength());
    }

    @Test
    void shouldTakeRestOfDatagramAsBodyWithoutContentLength()
    {
        final String head = minimalRequest("");
        final UnsafeBuffer buffer = buffer(head + "opaque\u0000body");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(-1, message.contentLength());
        assertEquals(head.length(), message.bodyOffset());
        assertEquals(11, message.bodyLength());
    }

    @Test
    void shouldSkipLeadingCrLf()
    {
        final String text = minimalRequest("Content-Length: 0\r\n");
        final UnsafeBuffer buffer = buffer("\r\n\r\n" + text);

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(4, message.offset());
        assertEquals(text.length(), message.length());
    }

    @Test
    void shouldAcceptBareLineFeeds()
    {
        final UnsafeBuffer buffer = buffer(minimalRequest("Content-Length: 0\r\n").replace("\r\n", "\n"));

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(SipMethod.OPTIONS, message.method());
        assertEquals(0, message.bodyLength());
    }

    @Test
    void shouldFindUnknownHeaderByName()
    {
        final UnsafeBuffer buffer = buffer(minimalRequest("X-Custom: one\r\nx-custom: two\r\n"));

        message.wrap(buffer, 0, buffer.capacity());

        final int first = message.findOtherHeader(TestBytes.ascii("x-custom"), -1);
        final int second = message.findOtherHeader(TestBytes.ascii("x-custom"), first);
        assertEquals("one", text(buffer, message.headerValueOffset(first), message.headerValueLength(first)));
        assertEquals("two", text(buffer, message.headerValueOffset(second), message.headerValueLength(second)));
        assertEquals(-1, message.findOtherHeader(TestBytes.ascii("x-custom"), second));
    }

    @Test
    void shouldReuseInstanceWithoutLeakingState()
    {
        final UnsafeBuffer invite = buffer(INVITE);
        final UnsafeBuffer options = buffer(minimalRequest(""));

        message.wrap(invite, 0, invite.capacity());
        message.wrap(options, 0, options.capacity());

        assertEquals(SipMethod.OPTIONS, message.method());
        assertEquals(-1, message.contentLength());
        assertEquals(-1, message.firstHeader(HeaderType.ALLOW));
        assertEquals(0, message.count(HeaderType.SUPPORTED));
        assertEquals("1928301774", text(options, message.fromTagOffset(), message.fromTagLength()));
        assertEquals(-1, message.toTagOffset());
    }

    @Test
    void shouldClearEagerFlyweightsOfHeadersTheNextMessageLacks()
    {
        final UnsafeBuffer invite = buffer(INVITE);
        final UnsafeBuffer noFromNoVia = buffer(minimalRequest("")
            .replace("From: <sip:alice@example.com>;tag=1928301774\r\n", "")
            .replace("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n", ""));

        message.wrap(invite, 0, invite.capacity());
        final SipParseError error = message.wrap(noFromNoVia, 0, noFromNoVia.capacity());

        assertEquals(SipParseError.MISSING_VIA, error);
        assertEquals(-1, message.topVia().branchOffset());
        assertEquals(-1, message.topVia().hostOffset());
        assertEquals(-1, message.from().uriOffset());
        assertEquals(-1, message.from().tagOffset());
        assertEquals(-1, message.fromTagOffset());
        assertEquals(SipUri.SCHEME_SIP, message.to().uri().scheme());
        assertEquals(1, message.cseqNumber());
    }

    @Test
    void shouldClearEveryFlyweightWhenTheHeadStopsEarly()
    {
        final UnsafeBuffer invite = buffer(INVITE);
        final UnsafeBuffer noLineEnd = buffer("INVITE sip:bob@biloxi.example.com SIP/2.0");
        final UnsafeBuffer badStatus = buffer("SIP/2.0 99 Too Low\r\n\r\n");

        for (final UnsafeBuffer next : new UnsafeBuffer[] {noLineEnd, badStatus})
        {
            message.wrap(invite, 0, invite.capacity());
            message.wrap(next, 0, next.capacity());

            assertEquals(SipUri.SCHEME_NONE, message.requestUri().scheme());
            assertEquals(-1, message.requestUri().hostOffset());
            assertEquals(-1, message.topVia().branchOffset());
            assertEquals(-1, message.from().tagOffset());
            assertEquals(-1, message.to().uriOffset());
            assertEquals(-1, message.cseq().number());
            assertEquals(-1, message.cseqNumber());
            assertEquals(-1, message.firstHeader(HeaderType.VIA));
            assertEquals(0, message.count(HeaderType.ALLOW));
            assertEquals(0L, message.headerMask());
        }
    }

    @Test
    void shouldClearRequestUriForResponsesAndBrokenRequestLines()
    {
        final UnsafeBuffer invite = buffer(INVITE);
        final UnsafeBuffer response = buffer(minimalResponse("SIP/2.0 200 OK\r\n"));
        final UnsafeBuffer noUri = buffer(minimalRequest("").replace("OPTIONS sip:bob@example.com SIP/2.0",
            "OPTIONS SIP/2.0"));

        message.wrap(invite, 0, invite.capacity());
        assertEquals(SipParseError.NONE, message.wrap(response, 0, response.capacity()));
        assertEquals(SipUri.SCHEME_NONE, message.requestUri().scheme());
        assertEquals(-1, message.requestUriOffset());

        message.wrap(invite, 0, invite.capacity());
        assertEquals(SipParseError.BAD_START_LINE, message.wrap(noUri, 0, noUri.capacity()));
        assertEquals(SipUri.SCHEME_NONE, message.requestUri().scheme());
        assertEquals(-1, message.requestUri().userOffset());
    }

    @Test
    void shouldParseTheViaFromAndToOfAResponseWhenAskedAndNotRefuseItForThem()
    {
        final String badFrom = "From: Bell, Alexander <sip:a.g.bell@bell-tel.com>;tag=43";
        final UnsafeBuffer response = buffer(minimalResponse("SIP/2.0 200 OK\r\n")
            .replace("From: <sip:alice@example.com>;tag=1928301774", badFrom));
        final UnsafeBuffer request = buffer(minimalRequest("")
            .replace("From: <sip:alice@example.com>;tag=1928301774", badFrom));

        assertEquals(SipParseError.NONE, message.wrap(response, 0, response.capacity()));
        assertEquals(-1, message.fromTagOffset(), "a malformed From reads as absent");
        assertEquals("a6c85cf", response.getStringWithoutLengthAscii(message.toTagOffset(), message.toTagLength()));
        final Via via = message.topVia();
        assertEquals("z9hG4bK776asdhds",
            response.getStringWithoutLengthAscii(via.branchOffset(), via.branchLength()));

        assertEquals(SipParseError.BAD_FROM, message.wrap(request, 0, request.capacity()), "a request is refused");
    }

    @Test
    void shouldTakeTheFirstOfTwoBranchesWhetherTheViaIsParsedOrOnlyItsBranchRead()
    {
        final String twice = "branch=z9hG4bKfirst;rport;branch=z9hG4bKsecond";
        final UnsafeBuffer response = buffer(minimalResponse("SIP/2.0 200 OK\r\n")
            .replace("branch=z9hG4bK776asdhds", twice));
        final UnsafeBuffer request = buffer(minimalRequest("").replace("branch=z9hG4bK776asdhds", twice));

        assertEquals(SipParseError.NONE, message.wrap(response, 0, response.capacity()));
        assertEquals("z9hG4bKfirst", response.getStringWithoutLengthAscii(
            message.topViaBranchOffset(), message.topViaBranchLength()));
        assertEquals("z9hG4bKfirst", response.getStringWithoutLengthAscii(
            message.topVia().branchOffset(), message.topVia().branchLength()));

        assertEquals(SipParseError.NONE, message.wrap(request, 0, request.capacity()));
        assertEquals("z9hG4bKfirst", request.getStringWithoutLengthAscii(
            message.topViaBranchOffset(), message.topViaBranchLength()));
    }

    @Test
    void shouldReadTheToTagOfTheResponseWrappedLast()
    {
        final UnsafeBuffer first = buffer(minimalResponse("SIP/2.0 180 Ringing\r\n"));
        final UnsafeBuffer second = buffer(minimalResponse("SIP/2.0 200 OK\r\n")
            .replace(";tag=a6c85cf", ";tag=second").replace("z9hG4bK776asdhds", "z9hG4bKsecond"));

        message.wrap(first, 0, first.capacity());
        message.wrap(second, 0, second.capacity());

        assertEquals("second", second.getStringWithoutLengthAscii(message.toTagOffset(), message.toTagLength()));
        assertEquals("z9hG4bKsecond", second.getStringWithoutLengthAscii(
            message.topVia().branchOffset(), message.topVia().branchLength()));
        assertEquals("sip:alice@example.com", second.getStringWithoutLengthAscii(
            message.from().uriOffset(), message.from().uriLength()));
    }

    static String minimalRequest(final String extraHeaders)
    {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n" +
            "From: <sip:alice@example.com>;tag=1928301774\r\n" +
            "To: <sip:bob@example.com>\r\n" +
            "Call-ID: a84b4c76e66710@host.example.com\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Max-Forwards: 70\r\n" +
            extraHeaders +
            "\r\n";
    }

    static String minimalResponse(final String statusLine)
    {
        return statusLine +
            "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n" +
            "From: <sip:alice@example.com>;tag=1928301774\r\n" +
            "To: <sip:bob@example.com>;tag=a6c85cf\r\n" +
            "Call-ID: a84b4c76e66710@host.example.com\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "\r\n";
    }
}
