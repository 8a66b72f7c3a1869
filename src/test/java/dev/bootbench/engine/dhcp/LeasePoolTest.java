package dev.bootbench.engine.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The full-mode address pool, with a clock the test moves by hand. */
class LeasePoolTest {
    static final long HOUR = 3_600_000L;
    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    static final int SERVER = ip("10.77.0.1");

    static int ip(String s) {
        return Ipv4.toInt(Ipv4.parse(s));
    }

    static MacAddress mac(int n) {
        return MacAddress.of(new byte[] {0x52, 0x54, 0, 0, (byte) (n >> 8), (byte) n});
    }

    LeasePool pool(String first, String last) {
        return pool(first, last, Map.of());
    }

    LeasePool pool(String first, String last, Map<String, Integer> reservations) {
        return new LeasePool(ip(first), ip(last), SERVER, reservations, now::get);
    }

    @Test
    void aThousandClientsOfferedAtOnceGetAThousandDistinctAddresses() {
        LeasePool p = pool("10.77.0.10", "10.77.7.250");
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int a = p.offer(mac(i), 0, null);
            assertNotEquals(0, a, "client " + i);
            assertTrue(p.inRange(a));
            assertTrue(given.add(a), "address " + Ipv4.format(a) + " offered twice");
        }
        // the offers are held: asking again gives each client the same address, nobody else's
        for (int i = 0; i < 1000; i++) {
            assertEquals(p.lease(mac(i)).address(), Ipv4.format(p.offer(mac(i), 0, null)));
        }
        // and every one of them can be bound
        for (int i = 0; i < 1000; i++) assertTrue(p.bind(mac(i), ip(p.lease(mac(i)).address()), HOUR, null));
    }

    @Test
    void sixteenThreadsOfferingAtOnceNeverShareAnAddress() throws Exception {
        LeasePool p = pool("10.77.0.10", "10.77.7.250");
        Map<Integer, String> owner = new ConcurrentHashMap<>();
        List<String> clashes = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService ex = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            fs.add(ex.submit(() -> {
                go.await();
                for (int i = thread; i < 1000; i += 16) {
                    MacAddress m = mac(i);
                    int a = p.offer(m, 0, null);
                    if (a == 0) clashes.add(m + " got nothing");
                    String prev = owner.putIfAbsent(a, m.toString());
                    if (prev != null) clashes.add(Ipv4.format(a) + " to " + prev + " and " + m);
                    if (!p.bind(m, a, HOUR, null)) clashes.add(m + " could not bind " + Ipv4.format(a));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        ex.shutdown();
        assertEquals(List.of(), clashes);
        assertEquals(1000, owner.size());
        assertEquals(1000, p.snapshot().size());
    }

    @Test
    void exhaustedPoolOffersNothing() {
        LeasePool p = pool("10.77.0.10", "10.77.0.12");
        for (int i = 0; i < 3; i++) assertNotEquals(0, p.offer(mac(i), 0, null));
        assertEquals(0, p.offer(mac(3), 0, null), "all three addresses are held by offers");
        assertEquals(3, p.size());
    }

    @Test
    void theServerAddressIsNeverOffered() {
        LeasePool p = pool("10.77.0.1", "10.77.0.2");
        assertEquals(ip("10.77.0.2"), p.offer(mac(1), 0, null));
        assertEquals(0, p.offer(mac(2), 0, null));
        assertEquals(0, p.offer(mac(3), SERVER, null));
        assertFalse(p.bind(mac(3), SERVER, HOUR, null));
    }

    @Test
    void aClientGetsItsPreviousAddressBack() {
        LeasePool p = pool("10.77.0.10", "10.77.0.50");
        int a = p.offer(mac(1), 0, "one");
        assertTrue(p.bind(mac(1), a, HOUR, "one"));
        for (int i = 2; i < 10; i++) p.bind(mac(i), p.offer(mac(i), 0, null), HOUR, null);
        assertEquals(a, p.offer(mac(1), 0, null), "while bound");
        assertEquals(Lease.State.BOUND, p.lease(mac(1)).state(), "offering to the holder keeps the lease bound");
        now.addAndGet(2 * HOUR); // long expired, nobody else took it
        assertEquals(a, p.offer(mac(1), 0, null), "after expiry");
        assertEquals(a, p.offer(mac(1), ip("10.77.0.40"), null), "its own address beats the one it asks for");
    }

    @Test
    void requestedAddressIsHonouredIfFreeNotIfHeldByAnother() {
        LeasePool p = pool("10.77.0.10", "10.77.0.50");
        assertEquals(ip("10.77.0.42"), p.offer(mac(1), ip("10.77.0.42"), null));
        int other = p.offer(mac(2), ip("10.77.0.42"), null);
        assertNotEquals(0, other);
        assertNotEquals(ip("10.77.0.42"), other, "held by an offer to another client");
        p.bind(mac(1), ip("10.77.0.42"), HOUR, null);
        assertNotEquals(ip("10.77.0.42"), p.offer(mac(3), ip("10.77.0.42"), null), "bound to another client");
        int outside = p.offer(mac(4), ip("10.77.0.200"), null);
        assertTrue(p.inRange(outside), "a wish outside the pool is ignored");
    }

    @Test
    void reservationsGoToTheirMacOnly() {
        Map<String, Integer> res = new HashMap<>();
        res.put(mac(7).toString(), ip("10.77.0.11"));
        LeasePool p = pool("10.77.0.10", "10.77.0.12", res);
        Set<Integer> others = new HashSet<>();
        for (int i = 0; i < 5; i++) others.add(p.offer(mac(100 + i), ip("10.77.0.11"), null));
        assertFalse(others.contains(ip("10.77.0.11")), "never offered to others, even when asked for");
        assertTrue(others.contains(0), "the pool is full for others with two addresses");
        assertFalse(p.bind(mac(100), ip("10.77.0.11"), HOUR, null), "nor bound by others");
        assertEquals(ip("10.77.0.11"), p.offer(mac(7), ip("10.77.0.12"), null), "the reserved MAC gets its address");
        assertTrue(p.bind(mac(7), ip("10.77.0.11"), HOUR, null));
        assertFalse(p.bind(mac(7), ip("10.77.0.12"), HOUR, null), "a reserved client binds its reservation only");
    }

    @Test
    void bindRefusesWhatTheClientMayNotHave() {
        Map<String, Integer> res = Map.of(mac(9).toString(), ip("10.77.0.20"));
        LeasePool p = pool("10.77.0.10", "10.77.0.30", res);
        int a = p.offer(mac(1), 0, null);
        assertFalse(p.bind(mac(2), a, HOUR, null), "offered to another MAC");
        assertTrue(p.bind(mac(1), a, HOUR, null));
        assertFalse(p.bind(mac(2), a, HOUR, null), "bound to another MAC");
        assertFalse(p.bind(mac(2), ip("10.77.0.31"), HOUR, null), "outside the range");
        assertFalse(p.bind(mac(2), ip("10.77.1.15"), HOUR, null), "outside the range");
        assertFalse(p.bind(mac(2), ip("10.77.0.20"), HOUR, null), "reserved for another MAC");
        assertTrue(p.bind(mac(2), ip("10.77.0.21"), HOUR, null), "a free address in range");
        assertEquals(mac(1), p.macFor(Ipv4.fromInt(a)).orElseThrow(), "the refusals changed nothing");
        // once the holder's lease expires, another client may have it
        now.addAndGet(HOUR + 1);
        assertTrue(p.bind(mac(2), a, HOUR, null));
        assertEquals(mac(2), p.macFor(Ipv4.fromInt(a)).orElseThrow());
    }

    @Test
    void declinedAddressIsQuarantinedUntilItsTimeIsUp() {
        LeasePool p = pool("10.77.0.10", "10.77.0.12");
        int a = p.offer(mac(1), 0, null);
        p.bind(mac(1), a, HOUR, null);
        p.decline(mac(1), a, 600_000);
        assertNull(p.lease(mac(1)), "the decliner's lease is gone");
        assertTrue(p.macFor(Ipv4.fromInt(a)).isEmpty());
        Set<Integer> offered = new HashSet<>();
        for (int i = 2; i < 6; i++) offered.add(p.offer(mac(i), a, null));
        assertFalse(offered.contains(a), "not offered again while quarantined, even when asked for");
        assertNotEquals(a, p.offer(mac(1), 0, null), "not even to the client that declined it");
        assertFalse(p.bind(mac(9), a, HOUR, null));
        assertTrue(p.snapshot().stream().anyMatch(l -> l.state() == Lease.State.DECLINED && l.address().equals(Ipv4.format(a))));
        now.addAndGet(600_001);
        // the offers above expired too; the quarantined address is usable again
        assertEquals(a, p.offer(mac(20), a, null));
    }

    @Test
    void releasedAddressKeepsAffinityButOthersMayTakeItWhenThePoolIsFull() {
        LeasePool p = pool("10.77.0.10", "10.77.0.11");
        int a = p.offer(mac(1), 0, null);
        p.bind(mac(1), a, HOUR, null);
        p.release(mac(1), a);
        assertEquals(Lease.State.RELEASED, p.lease(mac(1)).state());
        assertNull(p.boundLease(mac(1)));
        // B gets the never-used address first
        int b = p.offer(mac(2), 0, null);
        assertNotEquals(a, b);
        assertEquals(a, p.offer(mac(1), 0, null), "the released client gets its address back");
        // now the pool is otherwise full: C takes the released address
        LeasePool q = pool("10.77.0.10", "10.77.0.11");
        int qa = q.offer(mac(1), 0, null);
        q.bind(mac(1), qa, HOUR, null);
        q.release(mac(1), qa);
        int qb = q.offer(mac(2), 0, null);
        q.bind(mac(2), qb, HOUR, null);
        assertEquals(qa, q.offer(mac(3), 0, null), "released address reused when nothing else is free");
        assertTrue(q.bind(mac(3), qa, HOUR, null));
        assertEquals(mac(3), q.macFor(Ipv4.fromInt(qa)).orElseThrow());
    }

    @Test
    void releaseOfAnAddressTheClientDoesNotHoldChangesNothing() {
        LeasePool p = pool("10.77.0.10", "10.77.0.20");
        int a = p.offer(mac(1), 0, null);
        p.bind(mac(1), a, HOUR, null);
        p.release(mac(2), a);
        p.release(mac(1), a + 1);
        assertEquals(Lease.State.BOUND, p.lease(mac(1)).state());
    }

    @Test
    void expiredOffersAreReusable() {
        LeasePool p = pool("10.77.0.10", "10.77.0.10");
        int a = p.offer(mac(1), 0, null);
        assertEquals(0, p.offer(mac(2), 0, null));
        now.addAndGet(LeasePool.OFFER_HOLD_MILLIS + 1);
        assertEquals(a, p.offer(mac(2), 0, null));
        assertTrue(p.bind(mac(2), a, HOUR, null));
        assertFalse(p.bind(mac(1), a, HOUR, null), "the first client's offer lapsed");
    }

    @Test
    void withdrawnOfferFreesTheAddressAtOnce() {
        LeasePool p = pool("10.77.0.10", "10.77.0.10");
        int a = p.offer(mac(1), 0, null);
        p.withdrawOffer(mac(1));
        assertEquals(a, p.offer(mac(2), 0, null));
    }

    @Test
    void restoreDropsWhatDoesNotFit() {
        Map<String, Integer> res = Map.of(mac(9).toString(), ip("10.77.0.15"));
        LeasePool p = pool("10.77.0.10", "10.77.0.20", res);
        long later = now.get() + HOUR;
        p.restore(List.of(
                new Lease(mac(1).toString(), "10.77.0.11", Lease.State.BOUND, later, "ok"),
                new Lease(mac(2).toString(), "10.77.1.11", Lease.State.BOUND, later, "out of range"),
                new Lease("not-a-mac", "10.77.0.12", Lease.State.BOUND, later, null),
                new Lease(mac(3).toString(), "10.77.0.999", Lease.State.BOUND, later, null),
                new Lease(mac(4).toString(), "10.77.0.15", Lease.State.BOUND, later, "reserved for another"),
                new Lease(mac(5).toString(), "10.77.0.16", Lease.State.OFFERED, later, null),
                new Lease(mac(6).toString(), "10.77.0.17", Lease.State.RELEASED, now.get(), null),
                new Lease(mac(7).toString(), "10.77.0.18", Lease.State.DECLINED, later, null)));
        assertEquals("10.77.0.11", p.boundLease(mac(1)).address());
        assertNull(p.lease(mac(2)));
        assertNull(p.lease(mac(3)));
        assertNull(p.lease(mac(4)));
        assertNull(p.lease(mac(5)), "offers are not restored");
        assertEquals(Lease.State.RELEASED, p.lease(mac(6)).state());
        assertEquals(List.of("10.77.0.11", "10.77.0.17", "10.77.0.18"), p.snapshot().stream().map(Lease::address).toList());
        // the restored leases are respected
        assertFalse(p.bind(mac(8), ip("10.77.0.11"), HOUR, null));
        assertNotEquals(ip("10.77.0.18"), p.offer(mac(8), ip("10.77.0.18"), null), "restored quarantine holds");
        assertEquals(ip("10.77.0.17"), p.offer(mac(6), 0, null), "released client's affinity survives");
        assertEquals(ip("10.77.0.15"), p.offer(mac(9), 0, null));
    }

    @Test
    void snapshotHoldsBoundReleasedAndDeclinedButNotOffers() {
        LeasePool p = pool("10.77.0.10", "10.77.0.20");
        int a = p.offer(mac(1), 0, null);
        p.bind(mac(1), a, HOUR, "bound");
        int b = p.offer(mac(2), 0, null);
        p.bind(mac(2), b, HOUR, null);
        p.release(mac(2), b);
        int c = p.offer(mac(3), 0, null);
        p.bind(mac(3), c, HOUR, null);
        p.decline(mac(3), c, 600_000);
        p.offer(mac(4), 0, null);
        List<Lease> snap = p.snapshot();
        assertEquals(List.of(Lease.State.BOUND, Lease.State.RELEASED, Lease.State.DECLINED), snap.stream().map(Lease::state).toList());
        assertEquals("bound", snap.get(0).hostname());
        assertEquals(4, p.all().size(), "all() includes the offer");
    }

    @Test
    void macForFindsTheClientOfAnAddress() {
        LeasePool p = pool("10.77.0.10", "10.77.0.20");
        int a = p.offer(mac(1), 0, null);
        assertEquals(Optional.of(mac(1)), p.macFor(Ipv4.fromInt(a)), "an offered address too");
        p.bind(mac(1), a, HOUR, null);
        assertEquals(Optional.of(mac(1)), p.macFor(Ipv4.fromInt(a)));
        assertEquals(Optional.empty(), p.macFor(Ipv4.parse("10.77.0.19")));
        assertTrue(p.forget(mac(1)));
        assertEquals(Optional.empty(), p.macFor(Ipv4.fromInt(a)));
        assertFalse(p.forget(mac(1)));
    }

    @Test
    void changesAreReportedButRepeatedOffersAreNot() {
        LeasePool p = pool("10.77.0.10", "10.77.0.20");
        AtomicLong changes = new AtomicLong();
        p.onChange(changes::incrementAndGet);
        int a = p.offer(mac(1), 0, null);
        long afterOffer = changes.get();
        p.offer(mac(1), 0, null);
        p.offer(mac(1), 0, null);
        assertEquals(afterOffer, changes.get(), "a DISCOVER retry is not worth a disk write");
        p.bind(mac(1), a, HOUR, null);
        assertTrue(changes.get() > afterOffer, "a bind is");
    }

    @Test
    void describeAndRange() {
        LeasePool p = pool("10.77.0.100", "10.77.0.199");
        assertEquals("10.77.0.100-10.77.0.199", p.describe());
        assertEquals(100, p.size());
        assertTrue(p.inRange(ip("10.77.0.100")));
        assertTrue(p.inRange(ip("10.77.0.199")));
        assertFalse(p.inRange(ip("10.77.0.200")));
        assertFalse(p.inRange(ip("10.77.0.99")));
        assertTrue(new LeasePool(ip("192.168.0.10"), ip("192.168.0.20"), 0, Map.of(), now::get).inRange(ip("192.168.0.15")), "high addresses compare unsigned");
    }
}
