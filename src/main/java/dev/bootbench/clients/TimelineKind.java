package dev.bootbench.clients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a line of a client's timeline is about. */
public enum TimelineKind {
    /** A DHCP exchange. */
    DHCP,
    /** A TFTP or HTTP transfer started or finished (the entry says which protocol). */
    TRANSFER,
    /** The boot script reported a stage. */
    BEACON,
    /** The session reached a stage. */
    STAGE,
    /** Advice on what went wrong that the stages cannot say (e.g. Secure Boot refused iPXE). */
    HINT;

    /** dhcp, transfer, beacon, stage or hint: how the sessions API writes it. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
