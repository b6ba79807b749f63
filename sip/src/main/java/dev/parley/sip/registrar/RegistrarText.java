package dev.parley.sip.registrar;

import static dev.parley.sip.protocol.SipWriter.ascii;

/**
 * The pre-encoded header names, values, parameter names and reason phrases the registrar writes and reads.
 */
final class RegistrarText
{
    static final byte[] OK = ascii("OK");
    static final byte[] BAD_CONTACT = ascii("Bad Request - Malformed Contact");
    static final byte[] BAD_EXPIRES = ascii("Bad Request - Malformed Expires");
    static final byte[] WILDCARD_NOT_ALONE = ascii("Bad Request - Contact * Must Be the Only Contact");
    static final byte[] WILDCARD_EXPIRES = ascii("Bad Request - Contact * Requires Expires: 0");
    static final byte[] CONTACT_TOO_LONG = ascii("Bad Request - Contact Too Long");
    static final byte[] CALL_ID_TOO_LONG = ascii("Bad Request - Call-ID Too Long");
    static final byte[] PATH_TOO_LONG = ascii("Bad Request - Path Too Long");
    static final byte[] DOMAIN_NOT_SERVED = ascii("Forbidden - Domain Not Served Here");
    static final byte[] NOT_OWNER = ascii("Forbidden - Not Allowed to Register This Address");
    static final byte[] TOO_MANY_CONTACTS = ascii("Forbidden - Too Many Contacts");
    static final byte[] NOT_FOUND = ascii("Not Found");
    static final byte[] BAD_EXTENSION = ascii("Bad Extension");
    static final byte[] INTERVAL_TOO_BRIEF = ascii("Interval Too Brief");
    static final byte[] CSEQ_OUT_OF_ORDER = ascii("Server Internal Error - CSeq Out of Order");
    static final byte[] SERVICE_UNAVAILABLE = ascii("Service Unavailable");
    static final byte[] NO_TRANSACTION = ascii("Call/Transaction Does Not Exist");
    static final byte[] METHOD_NOT_ALLOWED = ascii("Method Not Allowed");
    static final byte[] NOT_IMPLEMENTED = ascii("Not Implemented");

    static final byte[] CONTACT = ascii("Contact");
    static final byte[] PATH = ascii("Path");
    static final byte[] DATE = ascii("Date");
    static final byte[] MIN_EXPIRES = ascii("Min-Expires");
    static final byte[] RETRY_AFTER = ascii("Retry-After");
    static final byte[] UNSUPPORTED = ascii("Unsupported");
    static final byte[] ALLOW = ascii("Allow");
    static final byte[] ALLOW_VALUE = ascii("REGISTER, OPTIONS");
    static final byte[] SUPPORTED = ascii("Supported");
    static final byte[] SUPPORTED_VALUE = ascii("path");
    static final byte[] EXPIRES_PARAM = ascii(";expires=");
    static final byte[] Q_PARAM = ascii(";q=");

    static final byte[] PATH_TAG = ascii("path");
    static final byte[] Q_NAME = ascii("q");
    static final byte[] EXPIRES_NAME = ascii("expires");
    static final byte[] INSTANCE_NAME = ascii("+sip.instance");
    static final byte[] REG_ID_NAME = ascii("reg-id");

    private RegistrarText()
    {
    }
}
