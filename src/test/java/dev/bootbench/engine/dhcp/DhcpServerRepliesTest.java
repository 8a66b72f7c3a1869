package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import dev.bootbench.engine.net.UdpSocket;
import dev.bootbench.workspace.Settings;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the server answers to the requests of the reference captures, without a network: the
 * packets go through {@link DhcpServer#handle} with a socket that records what would be sent.
 * (The real-peer behaviour is covered by DhcpServeIT in network namespaces.)
 */
class DhcpServerRepliesTest {
    static final Inet4Address SERVER = Ipv4.parse("10.77.0.1");
    static final NetIface BENCH = new NetIface("bench0", 99, MacAddress.parse("02:00:00:77:00:01"), SERVER, 24, true, List.of(SERVER), false);

    record Sent(DhcpPacket packet, Inet4Address to, int port) {}

    static class RecordingSocket implements UdpSocket {
        final int port;
        final List<Sent> sent = new ArrayList<>();

        RecordingSocket(int port) {
            this.port = port;
        }

        @Override
        public Datagram receive(byte[] buffer) throws java.io.IOException {
            return null;
        }

        @Override
        public void send(byte[] data, int length, Inet4Address destination, int port) {
            try {
                sent.add(new Sent(DhcpPacket.decode(data, 0, length), destination, port));
            } catch (MalformedPacketException e) {
                throw new AssertionError("the server sent a packet it cannot read back: " + e.getMessage());
            }
        }

        @Override
        public int localPort() {
            return port;
        }

        @Override
        public void close() {}
    }

    final Settings settings = new Settings();
    final List<DhcpEvent> events = new ArrayList<>();
    /** Called with each DhcpEvent as it is published, after it is added to {@link #events}. */
    java.util.function.Consumer<DhcpEvent> onEvent = e -> { };
    final RecordingSocket port67 = new RecordingSocket(67), port4011 = new RecordingSocket(4011);
    LeasePool pool;
    DhcpServer server;

    DhcpServer server(DhcpMode mode) throws Exception {
        EventBus bus = new EventBus();
        bus.subscribe(e -> {
            if (e instanceof DhcpEvent d) {
                events.add(d);
                onEvent.accept(d);
            }
        });
        pool = mode == DhcpMode.FULL
                ? new LeasePool(Ipv4.toInt(Ipv4.parse("10.77.0.100")), Ipv4.toInt(Ipv4.parse("10.77.0.199")), Ipv4.toInt(SERVER), Map.of(), System::currentTimeMillis)
                : null;
        DhcpConfig cfg = new DhcpConfig(mode, "bench0", null, 3600, null, null, List.of(), null, false, 67, 4011);
        var boot = new dev.bootbench.engine.boot.BootCore(dev.bootbench.publish.EngineSetup.bootConfig(settings,
                java.nio.file.Path.of("templates/boot.ipxe"), null, null), bus);
        server = new DhcpServer(cfg, boot, bus, pool);
        server.serveOn(BENCH); // what listen() does once the interface is up and the sockets are bound
        return server;
    }

    /** Feeds a request as if it arrived on {@code socket}; returns what was sent in answer, or null. */
    Sent feed(RecordingSocket socket, DhcpPacket request) {
        byte[] wire = request.encode();
        byte[] buf = Arrays.copyOf(wire, DhcpPacket.MAX_LENGTH);
        int before = socket.sent.size();
        server.handle(socket, buf, new UdpSocket.Datagram(wire.length, request.ciaddr != 0 ? Ipv4.fromInt(request.ciaddr) : Ipv4.ANY, 68));
        assertTrue(socket.sent.size() - before <= 1, "at most one answer");
        return socket.sent.size() > before ? socket.sent.get(before) : null;
    }

    static DhcpPacket request(String capture, int index) throws Exception {
        return CaptureGoldenTest.requests(capture).get(index).packet();
    }

    /** The REQUEST a client sends after {@code offer}. */
    static DhcpPacket requestFor(DhcpPacket discover, DhcpPacket offer) {
        DhcpPacket r = copy(discover);
        r.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.REQUEST);
        r.putInt(DhcpOption.REQUESTED_IP, offer.yiaddr);
        r.put(DhcpOption.SERVER_ID, offer.option(DhcpOption.SERVER_ID));
        return r;
    }

    static DhcpPacket copy(DhcpPacket p) {
        byte[] w = p.encode();
        try {
            return DhcpPacket.decode(w, 0, w.length);
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    static void assertNetworkOptions(DhcpPacket r) {
        assertEquals(SERVER, r.optionAddress(DhcpOption.SERVER_ID));
        assertEquals(Ipv4.parse("255.255.255.0"), r.optionAddress(DhcpOption.SUBNET_MASK));
        assertEquals(Ipv4.parse("10.77.0.255"), r.optionAddress(DhcpOption.BROADCAST));
        assertArrayEquals(new byte[] {0, 0, 0x0e, 0x10}, r.option(DhcpOption.LEASE_TIME));
        assertArrayEquals(new byte[] {0, 0, 0x07, 0x08}, r.option(DhcpOption.RENEWAL_T1));
        assertArrayEquals(new byte[] {0, 0, 0x0c, 0x4e}, r.option(DhcpOption.REBINDING_T2));
    }

    /**
     * kill -9 right after an ACK must not lose the lease: it is in the journal (written to the operating
     * system, where a crash of the process cannot take it back) at the moment the ACK is sent.
     */
    @Test
    void theLeaseIsInTheJournalBeforeItsAckIsSent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        server(DhcpMode.FULL);
        dev.bootbench.workspace.Workspace ws = new dev.bootbench.workspace.Workspace(dir);
        java.nio.file.Path journal = ws.file(LeaseStore.JOURNAL);
        List<String> journalAtAck = new ArrayList<>();
        RecordingSocket watching = new RecordingSocket(67) {
            @Override
            public void send(byte[] data, int length, Inet4Address destination, int port) {
                super.send(data, length, destination, port);
                if (sent.get(sent.size() - 1).packet().messageType() != DhcpOption.ACK) return;
                try {
                    journalAtAck.add(java.nio.file.Files.exists(journal) ? java.nio.file.Files.readString(journal) : "");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        try (LeaseStore store = new LeaseStore(ws, pool)) {
            store.open();
            for (int i = 0; i < 3; i++) {
                DhcpPacket discover = copy(request("bios-ipxe-e1000-direct", 0));
                discover.chaddr[5] = (byte) (0x40 + i);
                DhcpPacket ack = feed(watching, requestFor(discover, feed(watching, discover).packet())).packet();
                assertEquals(DhcpOption.ACK, ack.messageType());
                String line = "\"mac\":\"" + discover.mac() + "\"";
                assertTrue(journalAtAck.get(i).contains(line) && journalAtAck.get(i).contains(Ipv4.format(ack.yiaddr)),
                        "the journal holds the lease of " + discover.mac() + " when its ACK goes:\n" + journalAtAck.get(i));
            }
        }
    }

    /**
     * Packets given to the receive loop, as a socket would give them: {@code receive} takes the next (the loop ends
     * with an error when there is none), and {@code receiveNow} takes one only while {@code burst} says they all came
     * at once.
     */
    static class QueuedSocket extends RecordingSocket {
        final java.util.ArrayDeque<byte[]> waiting = new java.util.ArrayDeque<>();
        final boolean burst;

        QueuedSocket(boolean burst) {
            super(67);
            this.burst = burst;
        }

        @Override
        public Datagram receive(byte[] buffer) throws java.io.IOException {
            if (waiting.isEmpty()) throw new java.io.IOException("no more packets in this test");
            return take(buffer);
        }

        @Override
        public Datagram receiveNow(byte[] buffer) {
            return burst && !waiting.isEmpty() ? take(buffer) : null;
        }

        private Datagram take(byte[] buffer) {
            byte[] p = waiting.poll();
            System.arraycopy(p, 0, buffer, 0, p.length);
            return new Datagram(p.length, Ipv4.ANY, 68);
        }
    }

    /** Queues a DISCOVER from each of {@code n} MACs; returns their xids in order. */
    static List<Long> discovers(QueuedSocket socket, int n) throws Exception {
        List<Long> xids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DhcpPacket discover = copy(request("bios-ipxe-e1000-direct", 0));
            discover.chaddr[4] = (byte) 0x50;
            discover.chaddr[5] = (byte) i;
            discover.xid = 0x1000 + i;
            xids.add(discover.xid & 0xffffffffL);
            socket.waiting.add(discover.encode());
        }
        return xids;
    }

    @Test
    void packetsThatCameAtOnceAreAllAnsweredBeforeTheirLogLinesAndEventsWhichFollowInOrder() throws Exception {
        server(DhcpMode.FULL);
        QueuedSocket socket = new QueuedSocket(true);
        List<Long> xids = discovers(socket, DhcpServer.ANSWER_FIRST + 4);
        List<Integer> answeredWhenPublished = new ArrayList<>();
        onEvent = e -> answeredWhenPublished.add(socket.sent.size());
        server.receiveFrom(socket);
        assertEquals(xids.size(), socket.sent.size(), "every DISCOVER was offered an address");
        assertEquals(xids, events.stream().map(DhcpEvent::xid).toList(), "the events follow in the order the packets came");
        int first = DhcpServer.ANSWER_FIRST;
        for (int i = 0; i < xids.size(); i++) {
            // the first sixteen were all answered before the first of them was published; the last four after those
            assertEquals(i < first ? first : xids.size(), answeredWhenPublished.get(i), "answers sent when event " + i + " came");
        }
        assertEquals(xids, socket.sent.stream().map(x -> x.packet().xid & 0xffffffffL).toList(),
                "answered in the order they came");
    }

    @Test
    void aPacketAloneIsAnsweredLoggedAndPublishedBeforeTheNextIsReceived() throws Exception {
        server(DhcpMode.FULL);
        QueuedSocket socket = new QueuedSocket(false); // each packet comes after the one before was answered
        List<Long> xids = discovers(socket, 5);
        List<Integer> answeredWhenPublished = new ArrayList<>();
        onEvent = e -> answeredWhenPublished.add(socket.sent.size());
        server.receiveFrom(socket);
        assertEquals(xids, events.stream().map(DhcpEvent::xid).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), answeredWhenPublished);
    }

    @Test
    void biosIpxeRomGetsTheScriptAndNoPxeDhcpWait() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket discover = request("bios-ipxe-e1000-direct", 0);
        Sent offer = feed(port67, discover);
        assertNotNull(offer);
        DhcpPacket o = offer.packet();
        assertEquals(DhcpPacket.BOOTREPLY, o.op);
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(List.of(DhcpOption.MESSAGE_TYPE, DhcpOption.SERVER_ID), List.copyOf(o.options().keySet()).subList(0, 2), "53 first");
        assertEquals(discover.xid, o.xid);
        assertEquals(discover.mac(), o.mac());
        assertTrue(pool.inRange(o.yiaddr));
        assertEquals(Ipv4.toInt(SERVER), o.siaddr);
        assertNetworkOptions(o);
        String url = "http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:01";
        assertEquals(url, o.optionString(DhcpOption.BOOTFILE));
        assertEquals(url, o.file);
        assertEquals("10.77.0.1", o.optionString(DhcpOption.TFTP_SERVER));
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(new byte[] {(byte) 176, 1, 1}, o.option(DhcpOption.IPXE_ENCAP), "175.176 no-pxedhcp: iPXE skips its ProxyDHCP wait");
        assertNull(o.option(DhcpOption.PXELINUX_MAGIC));
        assertEquals(Ipv4.BROADCAST, offer.to(), "no address yet: broadcast");
        assertEquals(68, offer.port());

        Sent ack = feed(port67, requestFor(discover, o));
        assertEquals(DhcpOption.ACK, ack.packet().messageType());
        assertEquals(o.yiaddr, ack.packet().yiaddr);
        assertEquals(url, ack.packet().optionString(DhcpOption.BOOTFILE));
        assertNotNull(pool.boundLease(discover.mac()));
        DhcpEvent e = events.get(events.size() - 1);
        assertEquals(DhcpMessageType.REQUEST, e.request());
        assertEquals(DhcpMessageType.ACK, e.reply());
        assertEquals(Firmware.BIOS, e.firmware());
        assertTrue(e.isIpxe());
        assertEquals(url, e.bootFile());
        assertFalse(e.proxy());
    }

    @Test
    void ovmfGetsIpxeEfiThenIpxeEfiGetsTheScriptAtTheSameAddress() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        DhcpPacket o = feed(port67, fw).packet();
        assertEquals("ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("ipxe.efi", o.file);
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertNull(o.option(DhcpOption.IPXE_ENCAP), "not iPXE");
        assertArrayEquals(new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255}, o.option(DhcpOption.VENDOR_SPECIFIC),
                "PXEClient with discovery control, or OVMF asks port 4011 before it loads ipxe.efi");
        assertEquals(0x8000, o.flags, "the client's broadcast flag is echoed");
        DhcpPacket a = feed(port67, requestFor(fw, o)).packet();
        assertEquals(DhcpOption.ACK, a.messageType());

        DhcpPacket ipxe = request("uefi-ipxe-virtio-fwpxe", 2);
        DhcpPacket o2 = feed(port67, ipxe).packet();
        assertEquals(o.yiaddr, o2.yiaddr, "the same machine keeps its address across boot stages");
        assertEquals("http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:02", o2.optionString(DhcpOption.BOOTFILE));
        assertEquals(DhcpOption.ACK, feed(port67, requestFor(ipxe, o2)).packet().messageType());
    }

    @Test
    void plainClientsGetAnAddressAndNoBootInformation() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket dhclient = request("plain-clients", 0);
        DhcpPacket o = feed(port67, dhclient).packet();
        assertNotEquals(0, o.yiaddr);
        assertNull(o.option(DhcpOption.BOOTFILE));
        assertNull(o.option(DhcpOption.VENDOR_CLASS));
        assertEquals("", o.file);
        assertEquals(0, o.siaddr);
        assertNetworkOptions(o);
        // nmap's DISCOVER (its own chaddr) gets a different address
        DhcpPacket nmap = request("plain-clients", 8);
        assertNotEquals(o.yiaddr, feed(port67, nmap).packet().yiaddr);
    }

    @Test
    void pxelinuxGetsItsOptions() throws Exception {
        settings.ipxeScript = "";
        settings.biosBoot = "lpxelinux.0";
        settings.pxelinuxConfigFile = "pxelinux.cfg/lab";
        settings.pxelinuxPathPrefix = "http://10.77.0.1/";
        server(DhcpMode.FULL);
        DhcpPacket o = feed(port67, request("bios-ipxe-e1000-direct", 0)).packet();
        assertEquals("lpxelinux.0", o.optionString(DhcpOption.BOOTFILE));
        assertArrayEquals(new byte[] {(byte) 0xf1, 0x00, 0x74, 0x7e}, o.option(DhcpOption.PXELINUX_MAGIC));
        assertEquals("pxelinux.cfg/lab", o.optionString(DhcpOption.PXELINUX_CONFIGFILE));
        assertEquals("http://10.77.0.1/", o.optionString(DhcpOption.PXELINUX_PATHPREFIX));
    }

    @Test
    void requestsTheServerMustRefuseOrIgnore() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket discover = request("plain-clients", 0);
        DhcpPacket o = feed(port67, discover).packet();

        // the client chose another server: no answer, our offer withdrawn
        DhcpPacket other = requestFor(discover, o);
        other.put(DhcpOption.SERVER_ID, Ipv4.parse("10.77.0.250"));
        assertNull(feed(port67, other));
        assertNull(pool.lease(discover.mac()));

        // an address of another network: NAK, broadcast, with a message
        DhcpPacket foreign = requestFor(discover, o);
        foreign.remove(DhcpOption.SERVER_ID);
        foreign.putInt(DhcpOption.REQUESTED_IP, Ipv4.toInt(Ipv4.parse("192.168.1.50")));
        Sent nak = feed(port67, foreign);
        assertEquals(DhcpOption.NAK, nak.packet().messageType());
        assertEquals(0, nak.packet().yiaddr);
        assertNotNull(nak.packet().optionString(DhcpOption.MESSAGE));
        assertEquals(Ipv4.BROADCAST, nak.to());

        // an address held by another client: NAK
        DhcpPacket second = copy(request("plain-clients", 8));
        DhcpPacket o2 = feed(port67, second).packet();
        DhcpPacket steal = requestFor(discover, o2);
        assertEquals(DhcpOption.NAK, feed(port67, steal).packet().messageType());

        // BOOTP (no message type), server replies and garbage: no answer, counted
        DhcpPacket bootp = copy(discover);
        bootp.remove(DhcpOption.MESSAGE_TYPE);
        assertNull(feed(port67, bootp));
        DhcpPacket reply = copy(o);
        assertNull(feed(port67, reply));
        assertEquals(1, server.counters().notRequests.get());
        byte[] junk = new byte[100];
        server.handle(port67, Arrays.copyOf(junk, DhcpPacket.MAX_LENGTH), new UdpSocket.Datagram(junk.length, Ipv4.ANY, 68));
        assertEquals(1, server.counters().malformed.get());
    }

    @Test
    void declineReleaseInformAndRelay() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket discover = request("plain-clients", 0);
        DhcpPacket o = feed(port67, discover).packet();
        feed(port67, requestFor(discover, o));

        // RELEASE: kept for the client, no answer
        DhcpPacket release = copy(discover);
        release.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.RELEASE);
        release.ciaddr = o.yiaddr;
        assertNull(feed(port67, release));
        assertEquals(Lease.State.RELEASED, pool.lease(discover.mac()).state());

        // INFORM: ACK to the client's address, options but no lease
        DhcpPacket inform = copy(discover);
        inform.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.INFORM);
        inform.ciaddr = Ipv4.toInt(Ipv4.parse("10.77.0.20"));
        Sent ack = feed(port67, inform);
        assertEquals(DhcpOption.ACK, ack.packet().messageType());
        assertEquals(0, ack.packet().yiaddr);
        assertNull(ack.packet().option(DhcpOption.LEASE_TIME));
        assertEquals(Ipv4.parse("10.77.0.20"), ack.to());
        assertEquals(68, ack.port());

        // DECLINE: quarantined, nobody gets it next
        DhcpPacket d2 = copy(request("plain-clients", 8));
        DhcpPacket o2 = feed(port67, d2).packet();
        feed(port67, requestFor(d2, o2));
        DhcpPacket decline = requestFor(d2, o2);
        decline.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DECLINE);
        assertNull(feed(port67, decline));
        DhcpPacket d3 = copy(d2);
        d3.chaddr[5] = 0x01;
        d3.putInt(DhcpOption.REQUESTED_IP, o2.yiaddr);
        assertNotEquals(o2.yiaddr, feed(port67, d3).packet().yiaddr);

        // relayed: the answer goes to the relay agent on port 67
        DhcpPacket relayed = copy(discover);
        relayed.chaddr[5] = 0x02;
        relayed.giaddr = Ipv4.toInt(Ipv4.parse("10.77.0.2"));
        Sent viaRelay = feed(port67, relayed);
        assertEquals(Ipv4.parse("10.77.0.2"), viaRelay.to());
        assertEquals(67, viaRelay.port());
        assertEquals(relayed.giaddr, viaRelay.packet().giaddr);
    }

    /** DORA for a client numbered n (a copy of a plain client's DISCOVER with its own MAC); returns the ACK. */
    DhcpPacket bind(int n) throws Exception {
        DhcpPacket d = copy(request("plain-clients", 0));
        d.chaddr[4] = (byte) (n >> 8);
        d.chaddr[5] = (byte) n;
        Sent offer = feed(port67, d);
        assertNotNull(offer, "an offer for client " + n);
        DhcpPacket ack = feed(port67, requestFor(d, offer.packet())).packet();
        assertEquals(DhcpOption.ACK, ack.messageType());
        return ack;
    }

    static DhcpPacket decline(DhcpPacket from, int address, boolean withServerId) {
        DhcpPacket d = new DhcpPacket();
        d.op = DhcpPacket.BOOTREQUEST;
        d.xid = from.xid + 1;
        d.chaddr = from.chaddr.clone();
        d.putByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DECLINE);
        d.putInt(DhcpOption.REQUESTED_IP, address);
        if (withServerId) d.put(DhcpOption.SERVER_ID, SERVER);
        return d;
    }

    /** A DECLINE counts only from the client holding the address, with our server id: a stranger's takes nobody's lease. */
    @Test
    void aDeclineFromAStrangerOrWithoutServerIdChangesNothing() throws Exception {
        server(DhcpMode.FULL);
        DhcpPacket ackA = bind(1);
        int x = ackA.yiaddr;
        DhcpPacket stranger = copy(ackA);
        stranger.chaddr[5] = 0x66;
        assertNull(feed(port67, decline(stranger, x, true)));
        assertNull(feed(port67, decline(ackA, x, false)), "the holder, but without server id");
        assertEquals(Ipv4.format(x), pool.boundLease(ackA.mac()).address(), "the holder keeps its lease");
        assertTrue(pool.all().stream().noneMatch(l -> l.state() == Lease.State.DECLINED), "nothing quarantined: " + pool.all());
        assertEquals("ignored: " + Ipv4.format(x) + " is not held by this client", events.get(events.size() - 2).note());
        assertEquals("ignored: no server id", events.get(events.size() - 1).note());

        assertNull(feed(port67, decline(ackA, x, true)), "the holder's own DECLINE");
        assertNull(pool.lease(ackA.mac()));
        assertTrue(pool.all().stream().anyMatch(l -> l.state() == Lease.State.DECLINED && l.address().equals(Ipv4.format(x))));
    }

    /** One MAC that takes and declines address after address quarantines at most a quarter of the pool: others still get addresses. */
    @Test
    void aDeclineFloodCannotQuarantineThePool() throws Exception {
        server(DhcpMode.FULL);
        for (int i = 0; i < 3 * pool.size(); i++) {
            DhcpPacket ack = bind(7);
            feed(port67, decline(ack, ack.yiaddr, true));
        }
        long quarantined = pool.all().stream().filter(l -> l.state() == Lease.State.DECLINED).count();
        assertTrue(quarantined <= pool.size() / 4, quarantined + " of " + pool.size() + " addresses quarantined");
        for (int n = 100; n < 100 + pool.size() / 2; n++) bind(n);
    }

    @Test
    void proxyModeAnswersPxeClientsOnlyWithBootInformation() throws Exception {
        server(DhcpMode.PROXY);
        // a plain client is left to the real DHCP server
        assertNull(feed(port67, request("plain-clients", 0)));
        // OVMF: an OFFER without an address, with PXE discovery control and its GUID echoed
        DhcpPacket fw = request("uefi-ipxe-virtio-fwpxe", 0);
        Sent s = feed(port67, fw);
        DhcpPacket o = s.packet();
        assertEquals(DhcpOption.OFFER, o.messageType());
        assertEquals(0, o.yiaddr, "proxyDHCP gives no address");
        assertEquals("ipxe.efi", o.optionString(DhcpOption.BOOTFILE));
        assertEquals("PXEClient", o.optionString(DhcpOption.VENDOR_CLASS));
        assertArrayEquals(fw.option(DhcpOption.CLIENT_GUID), o.option(DhcpOption.CLIENT_GUID));
        byte[] v43 = o.option(DhcpOption.VENDOR_SPECIFIC);
        assertNotNull(v43);
        assertEquals(DhcpOption.PXE_DISCOVERY_CONTROL, v43[0]);
        assertEquals(8, v43[2], "discovery control: use the boot file, no boot server discovery");
        assertNull(o.option(DhcpOption.LEASE_TIME));
        // its REQUEST on port 67 is for the DHCP server
        assertNull(feed(port67, requestFor(fw, o)));
        // on 4011 the boot server answers with an ACK, directly to the sender
        DhcpPacket r4011 = requestFor(fw, o);
        r4011.remove(DhcpOption.SERVER_ID);
        r4011.ciaddr = Ipv4.toInt(Ipv4.parse("10.77.0.131"));
        Sent ack = feed(port4011, r4011);
        assertEquals(DhcpOption.ACK, ack.packet().messageType());
        assertEquals("ipxe.efi", ack.packet().optionString(DhcpOption.BOOTFILE));
        assertEquals(Ipv4.parse("10.77.0.131"), ack.to());
        assertTrue(events.get(events.size() - 1).proxy());
        // iPXE gets its script, without 175.176 (another server hands out the address)
        DhcpPacket ipxe = feed(port67, request("uefi-ipxe-virtio-fwpxe", 2)).packet();
        assertEquals("http://10.77.0.1/boot.ipxe?mac=52:54:00:77:00:02", ipxe.optionString(DhcpOption.BOOTFILE));
        assertNull(ipxe.option(DhcpOption.IPXE_ENCAP));
    }
}
