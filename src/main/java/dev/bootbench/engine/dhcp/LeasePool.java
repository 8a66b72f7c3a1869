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
    private final Map<String, Lease> byMac = new HashMap<>();
    private final Map<Integer, Lease> byAddress = new HashMap<>();
    private final Map<Integer, Lease> declined = new HashMap<>();
    private final LongSupplier clock;
    private int cursor;
    private Runnable onChange = () -> {};

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
    }

    public synchronized void onChange(Runnable r) {
        this.onChange = r;
    }

    /** FIRST-LAST, as --range takes it. */
    public String describe() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
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
        Lease current = byMac.get(m);
        Lease.State state = current != null && current.state() == Lease.State.BOUND && Ipv4.toInt(Ipv4.parse(current.address())) == a
                && current.expiresAtMillis() > now ? Lease.State.BOUND : Lease.State.OFFERED;
        long expires = state == Lease.State.BOUND ? current.expiresAtMillis() : now + OFFER_HOLD_MILLIS;
        put(new Lease(m, Ipv4.format(a), state, expires, hostname));
        return a;
    }

    private int pick(String mac, int requested, long now) {
        Integer reserved = reservations.get(mac);
        if (reserved != null) return reserved;
        Lease current = byMac.get(mac);
        if (current != null && current.state() != Lease.State.DECLINED) {
            int a = Ipv4.toInt(Ipv4.parse(current.address()));
            if (isFreeFor(a, mac, now)) return a;
        }
        if (requested != 0 && isFreeFor(requested, mac, now)) return requested;
        int n = size();
        // first pass: never-used or expired addresses from the cursor; second pass: take over RELEASED ones
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                int a = cursor;
                cursor = cursor == last ? first : cursor + 1;
                if (!isFreeFor(a, mac, now)) continue;
                Lease holder = byAddress.get(a);
                if (pass == 0 && holder != null && holder.state() == Lease.State.RELEASED) continue;
                return a;
            }
        }
        return 0;
    }

    /** Free for this MAC: in range, not ours, not reserved for another, not held by another client, not in quarantine. */
    private boolean isFreeFor(int a, String mac, long now) {
        if (!inRange(a) || a == serverAddress) return false;
        String owner = reservedBy.get(a);
        if (owner != null && !owner.equals(mac)) return false;
        Lease q = declined.get(a);
        if (q != null) {
            if (q.expiresAtMillis() > now) return false;
            declined.remove(a);
        }
        Lease holder = byAddress.get(a);
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
        Lease old = byMac.get(m);
        if (old != null && !old.address().equals(Ipv4.format(address))) byAddress.remove(Ipv4.toInt(Ipv4.parse(old.address())));
        Lease displaced = byAddress.get(address);
        if (displaced != null && !displaced.mac().equals(m)) byMac.remove(displaced.mac());
        put(new Lease(m, Ipv4.format(address), Lease.State.BOUND, now + leaseMillis, hostname));
        return true;
    }

    /** The client chose another server's offer: our held address goes back to the pool. */
    public synchronized void withdrawOffer(MacAddress mac) {
        Lease l = byMac.get(mac.toString());
        if (l != null && l.state() == Lease.State.OFFERED) remove(l);
    }

    public synchronized void release(MacAddress mac, int address) {
        Lease l = byMac.get(mac.toString());
        if (l != null && Ipv4.toInt(Ipv4.parse(l.address())) == address && l.state() == Lease.State.BOUND) {
            put(new Lease(l.mac(), l.address(), Lease.State.RELEASED, clock.getAsLong(), l.hostname()));
        }
    }

    /** The client found the address in use: quarantine it and forget this client's lease of it. */
    public synchronized void decline(MacAddress mac, int address, long quarantineMillis) {
        if (!inRange(address)) return;
        Lease l = byMac.get(mac.toString());
        if (l != null && Ipv4.toInt(Ipv4.parse(l.address())) == address) remove(l);
        Lease holder = byAddress.get(address);
        if (holder != null) remove(holder);
        declined.put(address, new Lease(mac.toString(), Ipv4.format(address), Lease.State.DECLINED, clock.getAsLong() + quarantineMillis, null));
        onChange.run();
    }

    /** The client's bound, unexpired lease, or null. */
    public synchronized Lease boundLease(MacAddress mac) {
        Lease l = byMac.get(mac.toString());
        return l != null && l.state() == Lease.State.BOUND && l.expiresAtMillis() > clock.getAsLong() ? l : null;
    }

    public synchronized Lease lease(MacAddress mac) {
        return byMac.get(mac.toString());
    }

    /** Frees a lease by hand (the app's "release" action). */
    public synchronized boolean forget(MacAddress mac) {
        Lease l = byMac.get(mac.toString());
        if (l == null) return false;
        remove(l);
        return true;
    }

    private void put(Lease l) {
        int a = Ipv4.toInt(Ipv4.parse(l.address()));
        Lease old = byMac.put(l.mac(), l);
        if (old != null && !old.address().equals(l.address())) {
            Lease atOld = byAddress.get(Ipv4.toInt(Ipv4.parse(old.address())));
            if (atOld != null && atOld.mac().equals(l.mac())) byAddress.remove(Ipv4.toInt(Ipv4.parse(old.address())));
        }
        byAddress.put(a, l);
        if (l.state() != Lease.State.OFFERED || old == null || old.state() != Lease.State.OFFERED) onChange.run();
    }

    private void remove(Lease l) {
        byMac.remove(l.mac());
        int a = Ipv4.toInt(Ipv4.parse(l.address()));
        Lease at = byAddress.get(a);
        if (at != null && at.mac().equals(l.mac())) byAddress.remove(a);
        onChange.run();
    }

    /** Bound, released and declined leases: what is worth keeping across a restart. */
    public List<Lease> snapshot() {
        List<Lease> out = new ArrayList<>();
        synchronized (this) {
            for (Lease l : byMac.values()) if (l.state() != Lease.State.OFFERED) out.add(l);
            out.addAll(declined.values());
        }
        // sorted outside the lock, each address parsed once: saving the leases must not stall the DHCP threads
        record Keyed(long address, Lease lease) {}
        return out.stream().map(l -> new Keyed(Integer.toUnsignedLong(Ipv4.toInt(Ipv4.parse(l.address()))), l))
                .sorted(java.util.Comparator.comparingLong(Keyed::address)).map(Keyed::lease).toList();
    }

    public synchronized List<Lease> all() {
        List<Lease> out = new ArrayList<>(byMac.values());
        out.addAll(declined.values());
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
            if (l.state() == Lease.State.DECLINED) {
                declined.put(a, l);
                continue;
            }
            if (l.state() == Lease.State.OFFERED) continue;
            String owner = reservedBy.get(a);
            if (owner != null && !owner.equals(l.mac())) continue;
            byMac.put(l.mac(), l);
            byAddress.put(a, l);
        }
    }

    @Override
    public synchronized Optional<MacAddress> macFor(InetAddress address) {
        if (!(address instanceof java.net.Inet4Address a4)) return Optional.empty();
        Lease l = byAddress.get(Ipv4.toInt(a4));
        return l == null || l.state() == Lease.State.DECLINED ? Optional.empty() : Optional.of(MacAddress.parse(l.mac()));
    }
}
