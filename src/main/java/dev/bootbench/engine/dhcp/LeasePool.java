package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The address pool of full mode. Thread-safe (one lock; every operation is a few map look-ups).
 * An address offered to one client is held for that client until the offer expires, so clients
 * booting at the same time never get the same address, and a client gets its previous address back
 * while nobody else needs it.
 */
public final class LeasePool implements ClientDirectory {
    /** How long an OFFER holds its address for the client that was offered it. */
    public static final long OFFER_HOLD_MILLIS = 60_000;

    private final int first, last;
    private final int serverAddress;
    private final Map<String, Integer> reservations; // mac -> address
    private final Map<Integer, String> reservedBy; // address -> mac
    private final Map<String, Entry> byMac = new HashMap<>();
    private final Map<Integer, Entry> byAddress = new HashMap<>();
    private final Map<Integer, Entry> declined = new java.util.LinkedHashMap<>(); // oldest quarantine first
    private final LongSupplier clock;
    private int cursor;
    /** Cursor steps left before it reaches the resume point last given to the journal (see {@link #resumePoint()}). */
    private int untilResumePoint;
    private int resumePoint;
    private Runnable onChange = () -> {};
    private Journal journal = null;

    /**
     * A lease as the pool keeps it: the address as an int. {@link Lease} (strings, for JSON) is made
     * only at the edges: snapshots, look-ups by the app, the lease store.
     */
    record Entry(String mac, int address, Lease.State state, long expiresAtMillis, String hostname) {
        Lease toLease() {
            return new Lease(mac, Ipv4.format(address), state, expiresAtMillis, hostname);
        }

        boolean persisted() {
            return state != Lease.State.OFFERED;
        }
    }

    /**
     * Told, under the pool's lock, of every change to what {@link #snapshot()} returns: a client's
     * kept lease ({@code mac}; null: none any more) or a quarantined address ({@code address}; null:
     * quarantine over). Must only note the change (e.g. queue the immutable entry); it runs on the DHCP
     * threads, so turning entries into {@link Lease}s is left to the journal's own thread.
     */
    interface Journal {
        void clientLease(String mac, Entry lease);

        void quarantine(int address, Entry lease);

        /** New addresses are to be picked from {@code address} on after a restart (see {@link #resumePoint()}). */
        default void resumeAt(int address) {}

        /**
         * Writes every change noted so far to the operating system (not necessarily to the disk), so that
         * a crash of this process cannot lose it. False when that failed: the change must not be promised.
         */
        default boolean commit() {
            return true;
        }
    }

    public LeasePool(int first, int last, int serverAddress, Map<String, Integer> reservations, LongSupplier clock) {
        if (Integer.compareUnsigned(first, last) > 0) throw new IllegalArgumentException("pool range " + Ipv4.format(first) + "-" + Ipv4.format(last) + " is empty");
        this.first = first;
        this.last = last;
        this.serverAddress = serverAddress;
        this.reservations = new HashMap<>(reservations);
        this.reservedBy = new HashMap<>();
        reservations.forEach((mac, a) -> reservedBy.put(a, mac));
        this.clock = clock;
        this.cursor = first;
        this.resumePoint = first;
    }

    public synchronized void onChange(Runnable r) {
        this.onChange = r;
    }

    /** Sets the listener of changes worth keeping (null: none). */
    synchronized void journal(Journal j) {
        this.journal = j;
    }

    /** FIRST-LAST, as --range takes it. */
    public String describe() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }

    /** An empty pool over the same addresses, for the server's own use (see {@link DhcpWarmup}): no reservations, no journal. */
    LeasePool scratch() {
        return new LeasePool(first, last, serverAddress, Map.of(), clock);
    }

    public int size() {
        return last - first + 1;
    }

    public boolean inRange(int a) {
        return Integer.compareUnsigned(a, first) >= 0 && Integer.compareUnsigned(a, last) <= 0;
    }

    /**
     * Chooses and holds an address for a DISCOVER: the reservation, the client's current or last
     * address, the address it asks for if free, else the next free one. Returns 0 when the pool is exhausted.
     */
    public synchronized int offer(MacAddress mac, int requested, String hostname) {
        long now = clock.getAsLong();
        String m = mac.toString();
        int a = pick(m, requested, now);
        if (a == 0) return 0;
        Entry current = byMac.get(m);
        Lease.State state = current != null && current.state() == Lease.State.BOUND && current.address() == a
                && current.expiresAtMillis() > now ? Lease.State.BOUND : Lease.State.OFFERED;
        long expires = state == Lease.State.BOUND ? current.expiresAtMillis() : now + OFFER_HOLD_MILLIS;
        put(new Entry(m, a, state, expires, hostname));
        return a;
    }

    private int pick(String mac, int requested, long now) {
        Integer reserved = reservations.get(mac);
        if (reserved != null) return reserved;
        Entry current = byMac.get(mac);
        if (current != null && current.state() != Lease.State.DECLINED) {
            int a = current.address();
            if (isFreeFor(a, mac, now)) return a;
        }
        if (requested != 0 && isFreeFor(requested, mac, now)) return requested;
        int n = size();
        // first pass: never-used or expired addresses from the cursor; second pass: take over RELEASED ones
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                int a = cursor;
                advance();
                if (!isFreeFor(a, mac, now)) continue;
                Entry holder = byAddress.get(a);
                if (pass == 0 && holder != null && holder.state() == Lease.State.RELEASED) continue;
                return a;
            }
        }
        return 0;
    }

    private int step(int a, int steps) {
        long offset = (Integer.toUnsignedLong(a - first) + steps) % size();
        return first + (int) offset;
    }

    /** How far ahead of the cursor the resume point is kept: up to this many addresses come last after a crash of the machine. */
    int resumeAhead() {
        return Math.max(1, Math.min(256, size() / 8));
    }

    /**
     * Moves the cursor on. The journal always holds a resume point at or ahead of the cursor: when the
     * cursor reaches it, the next one ({@link #resumeAhead()} addresses further) is noted, in the same
     * journal write as the lease that follows. After a restart new addresses are picked from there, so
     * an address whose lease may not have reached the disk (a power loss within the last unsynced
     * second) is offered last, after every other free one.
     */
    private void advance() {
        cursor = cursor == last ? first : cursor + 1;
        if (--untilResumePoint > 0) return;
        untilResumePoint = resumeAhead();
        resumePoint = step(cursor, untilResumePoint);
        if (journal != null) journal.resumeAt(resumePoint);
    }

    /** Where new addresses are picked from after a restart: at or ahead of the cursor. */
    public synchronized int resumePoint() {
        return resumePoint;
    }

    /** After a restart: picks new addresses from the saved resume point on (ignored outside the pool). */
    public synchronized void resumeAt(int address) {
        if (!inRange(address)) return;
        cursor = address;
        resumePoint = address;
        untilResumePoint = 0;
    }

    /**
     * Writes the changes made so far to the journal (see {@link Journal#commit()}): an ACK goes out only
     * after its lease is there. True without a journal.
     */
    public boolean commit() {
        Journal j;
        synchronized (this) {
            j = journal;
        }
        return j == null || j.commit();
    }

    /** Free for this MAC: in range, not ours, not reserved for another, not held by another client, not in quarantine. */
    private boolean isFreeFor(int a, String mac, long now) {
        if (!inRange(a) || a == serverAddress) return false;
        String owner = reservedBy.get(a);
        if (owner != null && !owner.equals(mac)) return false;
        Entry q = declined.get(a);
        if (q != null) {
            if (q.expiresAtMillis() > now) return false;
            declined.remove(a);
            if (journal != null) journal.quarantine(a, null);
        }
        Entry holder = byAddress.get(a);
        if (holder == null || holder.mac().equals(mac)) return true;
        return holder.state() == Lease.State.RELEASED || holder.expiresAtMillis() <= now;
    }

    /**
     * A REQUEST for {@code address}: binds it when this client may have it. Returns false when it may
     * not (another client holds it, it is outside the pool, reserved for someone else, or quarantined).
     */
    public synchronized boolean bind(MacAddress mac, int address, long leaseMillis, String hostname) {
        long now = clock.getAsLong();
        String m = mac.toString();
        Integer reserved = reservations.get(m);
        if (reserved != null) {
            if (reserved != address) return false;
        } else if (!isFreeFor(address, m, now)) {
            return false;
        }
        Entry old = byMac.get(m);
        if (old != null && old.address() != address) byAddress.remove(old.address());
        Entry displaced = byAddress.get(address);
        if (displaced != null && !displaced.mac().equals(m)) removeMac(displaced.mac());
        put(new Entry(m, address, Lease.State.BOUND, now + leaseMillis, hostname));
        return true;
    }

    /** The client chose another server's offer: our held address goes back to the pool. */
    public synchronized void withdrawOffer(MacAddress mac) {
        Entry l = byMac.get(mac.toString());
        if (l != null && l.state() == Lease.State.OFFERED) remove(l);
    }

    public synchronized void release(MacAddress mac, int address) {
        Entry l = byMac.get(mac.toString());
        if (l != null && l.address() == address && l.state() == Lease.State.BOUND) {
            put(new Entry(l.mac(), l.address(), Lease.State.RELEASED, clock.getAsLong(), l.hostname()));
        }
    }

    /**
     * The client found the address in use (DHCPDECLINE): the address is quarantined and the client's
     * lease of it forgotten, but only when this client holds it or was offered it; anyone else's DECLINE
     * changes nothing (returns false). At most {@link #maxQuarantined()} addresses are in quarantine at
     * once: beyond, the oldest quarantine ends early, so DECLINEs can never take the whole pool.
     */
    public synchronized boolean decline(MacAddress mac, int address, long quarantineMillis) {
        if (!inRange(address)) return false;
        Entry l = byMac.get(mac.toString());
        if (l == null || l.address() != address || l.state() == Lease.State.RELEASED || l.state() == Lease.State.DECLINED) return false;
        remove(l);
        while (declined.size() >= maxQuarantined()) {
            var oldest = declined.entrySet().iterator().next();
            declined.remove(oldest.getKey());
            if (journal != null) journal.quarantine(oldest.getKey(), null);
        }
        Entry q = new Entry(mac.toString(), address, Lease.State.DECLINED, clock.getAsLong() + quarantineMillis, null);
        declined.put(address, q);
        if (journal != null) journal.quarantine(address, q);
        onChange.run();
        return true;
    }

    /** Most addresses in quarantine at once: a quarter of the pool (at least one). */
    public int maxQuarantined() {
        return Math.max(1, size() / 4);
    }

    /** The client's bound, unexpired lease, or null. */
    public synchronized Lease boundLease(MacAddress mac) {
        Entry l = byMac.get(mac.toString());
        return l != null && l.state() == Lease.State.BOUND && l.expiresAtMillis() > clock.getAsLong() ? l.toLease() : null;
    }

    public synchronized Lease lease(MacAddress mac) {
        Entry l = byMac.get(mac.toString());
        return l == null ? null : l.toLease();
    }

    /** Frees a lease by hand (the app's "release" action). */
    public synchronized boolean forget(MacAddress mac) {
        Entry l = byMac.get(mac.toString());
        if (l == null) return false;
        remove(l);
        return true;
    }

    private void put(Entry l) {
        int a = l.address();
        Entry old = byMac.put(l.mac(), l);
        if (old != null && old.address() != a) {
            Entry atOld = byAddress.get(old.address());
            if (atOld != null && atOld.mac().equals(l.mac())) byAddress.remove(old.address());
        }
        byAddress.put(a, l);
        if (journal != null && (l.persisted() || (old != null && old.persisted()))) journal.clientLease(l.mac(), l.persisted() ? l : null);
        if (l.state() != Lease.State.OFFERED || old == null || old.state() != Lease.State.OFFERED) onChange.run();
    }

    /** Removes a client's entry from byMac only (its address was taken over). */
    private void removeMac(String mac) {
        Entry old = byMac.remove(mac);
        if (journal != null && old != null && old.persisted()) journal.clientLease(mac, null);
    }

    private void remove(Entry l) {
        removeMac(l.mac());
        int a = l.address();
        Entry at = byAddress.get(a);
        if (at != null && at.mac().equals(l.mac())) byAddress.remove(a);
        onChange.run();
    }

    /** Bound, released and declined leases: what is worth keeping across a restart. */
    public List<Lease> snapshot() {
        List<Entry> out = new ArrayList<>();
        synchronized (this) {
            for (Entry l : byMac.values()) if (l.persisted()) out.add(l);
            out.addAll(declined.values());
        }
        // sorted and converted outside the lock: saving the leases must not stall the DHCP threads
        out.sort((x, y) -> Integer.compareUnsigned(x.address(), y.address()));
        List<Lease> leases = new ArrayList<>(out.size());
        for (Entry e : out) leases.add(e.toLease());
        return List.copyOf(leases);
    }

    public synchronized List<Lease> all() {
        List<Lease> out = new ArrayList<>(byMac.size() + declined.size());
        for (Entry l : byMac.values()) out.add(l.toLease());
        for (Entry l : declined.values()) out.add(l.toLease());
        return out;
    }

    /** Restores saved leases; entries outside the pool or conflicting with a reservation are dropped. */
    public synchronized void restore(Collection<Lease> saved) {
        for (Lease l : saved) {
            int a;
            try {
                a = Ipv4.toInt(Ipv4.parse(l.address()));
                MacAddress.parse(l.mac());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!inRange(a)) continue;
            Entry e = new Entry(l.mac(), a, l.state(), l.expiresAtMillis(), l.hostname());
            if (l.state() == Lease.State.DECLINED) {
                declined.put(a, e);
                continue;
            }
            if (l.state() == Lease.State.OFFERED) continue;
            String owner = reservedBy.get(a);
            if (owner != null && !owner.equals(l.mac())) continue;
            byMac.put(l.mac(), e);
            byAddress.put(a, e);
        }
        if (declined.size() > maxQuarantined()) {
            // saved by an earlier version without the bound: keep the quarantines that end last
            List<Entry> q = new ArrayList<>(declined.values());
            q.sort((x, y) -> Long.compare(x.expiresAtMillis(), y.expiresAtMillis()));
            declined.clear();
            for (Entry e : q.subList(q.size() - maxQuarantined(), q.size())) declined.put(e.address(), e);
        }
    }

    @Override
    public synchronized Optional<MacAddress> macFor(InetAddress address) {
        if (!(address instanceof java.net.Inet4Address a4)) return Optional.empty();
        Entry l = byAddress.get(Ipv4.toInt(a4));
        return l == null || l.state() == Lease.State.DECLINED ? Optional.empty() : Optional.of(MacAddress.parse(l.mac()));
    }
}
