package dev.bootbench.ui.servers;

/** One lease as the leases table shows it. */
public record LeaseRow(String mac, String vendor, String address, String state, String expires, String hostname, boolean reserved) {}
