package dev.parley.sip.uas;

import static dev.parley.sip.protocol.SipWriter.ascii;

/**
 * The pre-encoded header names, values and reason phrases the UAS writes.
 */
final class UasText
{
    static final byte[] OK = ascii("OK");
    static final byte[] TRYING = ascii("Trying");
    static final byte[] RINGING = ascii("Ringing");
    static final byte[] ACCEPTED = ascii("Accepted");
    static final byte[] BAD_REQUEST_SDP = ascii("Bad Request - Malformed SDP");
    static final byte[] BAD_REQUEST_REFER_TO = ascii("Bad Request - Missing or Malformed Refer-To");
    static final byte[] BAD_REQUEST_EVENT = ascii("Bad Request - Missing or Malformed Event");
    static final byte[] BAD_REQUEST_SESSION_EXPIRES = ascii("Bad Request - Malformed Session-Expires");
    static final byte[] NO_TRANSACTION = ascii("Call/Transaction Does Not Exist");
    static final byte[] NO_MATCHING_PRACK = ascii("Call/Transaction Does Not Exist - RAck Does Not Match");
    static final byte[] METHOD_NOT_ALLOWED = ascii("Method Not Allowed");
    static final byte[] UNSUPPORTED_MEDIA_TYPE = ascii("Unsupported Media Type");
    static final byte[] BAD_EXTENSION = ascii("Bad Extension");
    static final byte[] INTERVAL_TOO_SMALL = ascii("Session Interval Too Small");
    static final byte[] REQUEST_TERMINATED = ascii("Request Terminated");
    static final byte[] NOT_ACCEPTABLE_HERE = ascii("Not Acceptable Here");
    static final byte[] BAD_EVENT = ascii("Bad Event");
    static final byte[] SERVER_ERROR_CSEQ = ascii("Server Internal Error - CSeq Out of Order");
    static final byte[] SERVICE_UNAVAILABLE = ascii("Service Unavailable");
    static final byte[] SERVER_TIMEOUT = ascii("Server Time-out");
    static final byte[] NOT_IMPLEMENTED = ascii("Not Implemented");
    static final byte[] REQUEST_PENDING = ascii("Request Pending");

    static final byte[] ALLOW = ascii("Allow");
    static final byte[] ALLOW_VALUE = ascii(
        "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, PRACK, SUBSCRIBE, NOTIFY, REFER");
    static final byte[] ACCEPT = ascii("Accept");
    static final byte[] ACCEPT_VALUE = ascii("application/sdp");
    static final byte[] SUPPORTED = ascii("Supported");
    static final byte[] SUPPORTED_VALUE = ascii("100rel, timer");
    static final byte[] UNSUPPORTED = ascii("Unsupported");
    static final byte[] REQUIRE = ascii("Require");
    static final byte[] REQUIRE_100REL = ascii("100rel");
    static final byte[] REQUIRE_TIMER = ascii("timer");
    static final byte[] RSEQ = ascii("RSeq");
    static final byte[] CONTACT = ascii("Contact");
    static final byte[] SERVER = ascii("Server");
    static final byte[] SERVER_VALUE = ascii("parley");
    static final byte[] USER_AGENT = ascii("User-Agent");
    static final byte[] CONTENT_TYPE = ascii("Content-Type");
    static final byte[] APPLICATION_SDP = ascii("application/sdp");
    static final byte[] SIPFRAG = ascii("message/sipfrag;version=2.0");
    static final byte[] SESSION_EXPIRES = ascii("Session-Expires");
    static final byte[] REFRESHER_UAC = ascii(";refresher=uac");
    static final byte[] REFRESHER_UAS = ascii(";refresher=uas");
    static final byte[] MIN_SE = ascii("Min-SE");
    static final byte[] RETRY_AFTER = ascii("Retry-After");
    static final byte[] EXPIRES = ascii("Expires");
    static final byte[] ALLOW_EVENTS = ascii("Allow-Events");
    static final byte[] EVENT = ascii("Event");
    static final byte[] EVENT_REFER = ascii("refer");
    static final byte[] ID_PARAM = ascii(";id=");
    static final byte[] SUBSCRIPTION_STATE = ascii("Subscription-State");
    static final byte[] ACTIVE_EXPIRES = ascii("active;expires=");
    static final byte[] TERMINATED_TIMEOUT = ascii("terminated;reason=timeout");
    static final byte[] TERMINATED_NORESOURCE = ascii("terminated;reason=noresource");
    static final byte[] MAX_FORWARDS = ascii("Max-Forwards");
    static final byte[] VIA = ascii("Via");
    static final byte[] VIA_PREFIX = ascii("SIP/2.0/");
    static final byte[] BRANCH_PREFIX = ascii(";branch=z9hG4bK");
    static final byte[] RPORT = ascii(";rport");
    static final byte[] ROUTE = ascii("Route");
    static final byte[] RECORD_ROUTE = ascii("Record-Route");
    static final byte[] FROM = ascii("From");
    static final byte[] TO = ascii("To");
    static final byte[] CALL_ID = ascii("Call-ID");
    static final byte[] CSEQ = ascii("CSeq");
    static final byte[] TAG = ascii(";tag=");
    static final byte[] FROM_PARLEY_PREFIX = ascii("<sip:parley@");
    static final byte[] SIPFRAG_TRYING = ascii("SIP/2.0 100 Trying\r\n");
    static final byte[] SIPFRAG_TIMEOUT = ascii("SIP/2.0 408 Request Timeout\r\n");
    static final byte[] SIPFRAG_UNREACHABLE = ascii("SIP/2.0 503 Service Unavailable\r\n");
    static final byte[] CRLF = ascii("\r\n");
    static final byte[] LT = ascii("<");
    static final byte[] TCP = ascii("tcp");
    static final byte[] GT = ascii(">");
    static final byte[] GT_TAG = ascii(">;tag=");
    static final byte[] AT_PARLEY = ascii("@parley");
    static final byte[] BAD_REQUEST_EXPIRES = ascii("Bad Request - Malformed Expires");

    private UasText()
    {
    }
}
