package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.NetIface;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a freshly started server's exchange path for made-up clients, on scratch state, before its sockets open: decode, answer, encode and the exchange's log line, for a plain client, PXE BIOS and UEFI firmware and iPXE,
 * each a DISCOVER then a REQUEST. The state is its own: an empty pool over the same addresses that nothing keeps (its
 * journal encodes each lease's line as the real one does, then drops it; each made-up client's address is given back
 * after its ACK, so a small pool never runs out), a boot core with the same settings and an event bus nobody listens
 * to. Nothing is sent, logged (but the debug line of how long it took), kept or shown.
 *
 * <p>Why: a fresh JVM interprets the path until it has compiled it, at about five times the CPU of a warm server
 * (issue #19: a technician presses Start and powers on a rack at once). Made-up clients get the path compiled in
 * the first fraction of a second instead of over the first thousand real clients. It runs before the sockets open
 * (about 40 ms): run beside the first real clients, on a thread of its own, it took the CPU they needed. {@code -Dbootbench.dhcp.warmup=0}
 * turns it off (for measuring it); another number sets the made-up clients.
 */
final class DhcpWarmup {
    private static final Logger log = LoggerFactory.getLogger("dhcp");
    static final int DEFAULT_CLIENTS = 200;

    private DhcpWarmup() {}

    static int clients() {
        return dev.bootbench.engine.WarmupSize.of("bootbench.dhcp.warmup", DEFAULT_CLIENTS);
    }

    /** The made-up exchanges, now, on the caller's thread (none when {@link #clients()} is 0); never throws. */
    static void runNow(DhcpConfig config, BootCore boot, LeasePool pool, NetIface nif, dev.bootbench.engine.net.MacAddress probeMac) {
        int n = clients();
        if (n == 0) return;
        long t0 = System.nanoTime();
        try {
            int done = run(config, boot, pool, nif, probeMac, n);
            log.debug("warm-up: {} made-up exchanges in {} ms", done, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | MalformedPacketException e) {
            log.debug("warm-up stopped: {}", e.toString());
        }
    }

    /**
     * {@code clients} made-up clients, each a DISCOVER and a REQUEST through a scratch responder.
     *
     * @return the exchanges answered
     */
    static int run(DhcpConfig config, BootCore boot, LeasePool pool, NetIface nif, dev.bootbench.engine.net.MacAddress probeMac, int clients)
            throws MalformedPacketException {
        LeasePool scratch = null;
        if (pool != null) {
            scratch = pool.scratch();
            scratch.journal(LeaseStore.scratchJournal()); // the journal line of each ACK encoded, and dropped
            if (config.mode() == DhcpMode.FULL && scratch.size() == 0) return 0; // no address to give, nothing to warm
        }
        DhcpResponder r = new DhcpResponder(config, new BootCore(boot.config(), new EventBus()), scratch, probeMac);
        DhcpResponder.Arrival arrival = new DhcpResponder.Arrival(false, Ipv4.ANY, 68);
        int answered = 0;
        for (int i = 0; i < clients; i++) {
            DhcpPacket discover = client(i, DhcpOption.DISCOVER);
            DhcpResponder.Answer offer = exchange(r, discover, nif, arrival);
            if (offer.outcome() != DhcpResponder.Outcome.REPLY) {
                // a pool with no address to give: every made-up client would be a warning in the log
                if (offer.events().stream().anyMatch(e -> "pool exhausted".equals(e.note()))) break;
                continue;
            }
            DhcpPacket request = client(i, DhcpOption.REQUEST);
            DhcpResponder.Arrival to = arrival;
            if (config.mode() == DhcpMode.FULL) {
                request.putInt(DhcpOption.REQUESTED_IP, offer.reply().yiaddr);
                byte[] id = offer.reply().option(DhcpOption.SERVER_ID);
                if (id != null) request.put(DhcpOption.SERVER_ID, id);
            } else {
                // beside another server: the address is that one's, the boot request comes to port 4011
                request.ciaddr = nif.addressInt() + 1 + (i % 64);
                to = new DhcpResponder.Arrival(true, Ipv4.fromInt(request.ciaddr), 68);
            }
            if (exchange(r, request, nif, to).outcome() == DhcpResponder.Outcome.REPLY) answered++;
            // its address back, so that a pool smaller than the made-up clients never runs out: an exhausted pool
            // is a warning in the technician's log
            if (scratch != null) scratch.forget(discover.mac());
        }
        return answered;
    }

    /** One packet as the server takes it: from the wire, answered, the reply to the wire, the log line built. */
    private static DhcpResponder.Answer exchange(DhcpResponder r, DhcpPacket p, NetIface nif, DhcpResponder.Arrival arrival) throws MalformedPacketException {
        byte[] wire = p.encode();
        DhcpResponder.Answer a = r.answer(DhcpPacket.decode(wire, 0, wire.length), nif, arrival);
        if (a.outcome() == DhcpResponder.Outcome.REPLY) a.reply().encode();
        for (DhcpEvent e : a.events()) DhcpServer.exchangeLine(e);
        return a;
    }

    /** Made-up client {@code i}: a locally administered MAC, and in turn a plain client, PXE BIOS, PXE UEFI x64, iPXE. */
    static DhcpPacket client(int i, int type) {
        DhcpPacket p = new DhcpPacket();
        p.op = DhcpPacket.BOOTREQUEST;
        p.xid = 0x5eed0000L | (i & 0xffff);
        p.chaddr[0] = 0x0a; // locally administered, never a real NIC's
        p.chaddr[1] = (byte) 0xbb;
        p.chaddr[2] = (byte) 0xee;
        p.chaddr[3] = (byte) (i >> 16);
        p.chaddr[4] = (byte) (i >> 8);
        p.chaddr[5] = (byte) i;
        p.putByte(DhcpOption.MESSAGE_TYPE, type);
        p.put(DhcpOption.PARAMETER_LIST, new byte[] {1, 3, 6, 12, 15, 28, 42, 43, 60, 66, 67, (byte) 128, (byte) 175});
        switch (i % 4) {
            case 0 -> p.put(DhcpOption.HOSTNAME, "warmup");
            case 1 -> pxe(p, 0);
            case 2 -> pxe(p, 7);
            default -> {
                pxe(p, 0);
                p.put(DhcpOption.USER_CLASS, "iPXE".getBytes(StandardCharsets.US_ASCII));
                p.put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) DhcpOption.IPXE_VERSION, 3, 1, 21, 1});
            }
        }
        return p;
    }

    private static void pxe(DhcpPacket p, int arch) {
        p.put(DhcpOption.VENDOR_CLASS, String.format("PXEClient:Arch:%05d:UNDI:002001", arch));
        p.put(DhcpOption.CLIENT_ARCH, new byte[] {0, (byte) arch});
        p.put(DhcpOption.CLIENT_NDI, new byte[] {1, 2, 1});
        byte[] guid = new byte[17];
        System.arraycopy(p.chaddr, 0, guid, 11, 6);
        p.put(DhcpOption.CLIENT_GUID, guid);
    }
}
