package dev.bootbench.ui.clients;

/** One line of a client's timeline: milliseconds since its boot began, the kind (dhcp, tftp, http, stage) and what happened. */
public record TimelineEntry(long offsetMillis, String kind, String text, boolean problem) {}
