package dev.parley.sip.transaction;

import static dev.parley.core.status.CounterType.counter;
import static dev.parley.core.status.CounterType.gauge;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the transaction layer (type ids 210 to 229).
 */
public enum TransactionCounter implements CounterDescriptor
{
    ACTIVE(gauge(210, "parley_sip_transactions_active", "sip: transactions active")),
    CREATED(counter(211, "parley_sip_transactions_created_total", "sip: transactions created")),
    TABLE_FULL(counter(212, "parley_sip_transactions_table_full_total",
        "sip: transactions refused, table full (503)")),
    RETRANSMISSIONS_SENT(counter(213, "parley_sip_transactions_retransmissions_sent_total",
        "sip: retransmissions sent (requests, responses, ACKs)")),
    RETRANSMISSIONS_ABSORBED(counter(214, "parley_sip_transactions_retransmissions_absorbed_total",
        "sip: retransmissions absorbed by a transaction")),
    TIMEOUTS(counter(215, "parley_sip_transactions_timeouts_total", "sip: transaction timeouts (B, F, H, L)")),
    BUFFER_OVERFLOWS(counter(216, "parley_sip_transactions_buffer_overflows_total",
        "sip: messages too large to keep for retransmission")),
    COMPLETED(gauge(217, "parley_sip_transactions_completed",
        "sip: answered non-INVITE requests on UDP kept for their retransmissions until timer J")),
    COMPLETED_EARLY(counter(218, "parley_sip_transactions_completed_early_total",
        "sip: answered requests dropped before timer J because parley.sip.transactions.completed was full"));

    private final CounterType type;

    TransactionCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
