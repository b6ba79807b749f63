package dev.parley.sip;

import static dev.parley.core.status.CounterType.counter;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the {@code sip} module (type ids 200-209; transactions use 210-229).
 */
public enum SipCounter implements CounterDescriptor
{
    DATAGRAMS(counter(200, "parley_sip_datagrams_total", "sip: messages taken from the sip ring")),
    BYTES(counter(201, "parley_sip_bytes_total", "sip: bytes taken from the sip ring")),
    REQUESTS(counter(202, "parley_sip_requests_total", "sip: well-formed requests received")),
    RESPONSES(counter(203, "parley_sip_responses_total", "sip: well-formed responses received")),
    PARSE_ERRORS(counter(204, "parley_sip_parse_errors_total", "sip: malformed messages")),
    BAD_REQUESTS_ANSWERED(counter(205, "parley_sip_bad_requests_answered_total",
        "sip: malformed requests answered statelessly with the fault as reason phrase")),
    MESSAGES_OUT(counter(206, "parley_sip_messages_out_total", "sip: messages handed to the out ring")),
    OUT_DROPS(counter(207, "parley_sip_out_drops_total",
        "sip: messages shed because the out ring was full or the message larger than a slot")),
    STRAY_RESPONSES(counter(208, "parley_sip_stray_responses_total",
        "sip: responses that matched no client transaction")),
    OVERLOAD_REJECTS(counter(209, "parley_sip_overload_rejects_total",
        "sip: requests answered 503 because the transaction table was full"));

    private final CounterType type;

    SipCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
