package dev.bootbench.engine.dhcp;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.boot.BootCore;
import dev.bootbench.engine.boot.BootDecision;
import dev.bootbench.engine.boot.BootPolicy;
import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import dev.bootbench.engine.net.NetIface;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the DHCP server answers to one request: full mode (addresses and boot information) or proxyDHCP
 * (boot information only), on the server port (67) and PXE's boot server port (4011).
 *
 * <p>No sockets and no threads of its own: a decoded request, the interface it came in on and where it came
 * from go in; the reply (or none), where to send it, the boot decision and the exchange's events come out.
 * {@link DhcpServer} sends the reply, then publishes the events. The lease pool it binds addresses in is
 * the only state it changes; it is safe to call from several threads at once.
 */
public final class DhcpResponder {
    /** How long a declined address stays out of the pool (dnsmasq also waits 10 minutes). */
    static final long DECLINE_QUARANTINE_MILLIS = 600_000;

    /**
     * Where a request came in.
     *
     * @param proxyPort it came to the PXE boot server port (4011), not the server port
     * @param source    the sender's address (a reply on port 4011 goes back to it)
     * @param port      the sender's port
     */
    public record Arrival(boolean proxyPort, Inet4Address source, int port) {}

    /** What became of a request. */
    public enum Outcome {
        /** A reply is to be sent. */
        REPLY,
        /** Served, but not answered (not ours to answer, or refused in silence); the events say why. */
        SILENT,
        /** Not a request: a reply (ours coming back, or another server's). */
        NOT_A_REQUEST,
        /** Ignored: our own probe for other servers, or a request we do not serve (BOOTP, an unknown type). */
        IGNORED
    }

    /**
     * The answer to one request.
     *
     * @param reply       the packet to send, or null
     * @param destination where to send it (null without a reply)
     * @param port        to which port
     * @param decision    what the boot policy decided for the client, or null when it was not asked
     * @param events      the exchange's events, to publish once the reply is sent
     */
    public record Answer(Outcome outcome, DhcpPacket reply, Inet4Address destination, int port, BootDecision decision,
                         List<DhcpEvent> events) {}

    private final Logger log;
    private final DhcpConfig config;
    private final BootCore boot;
    private final LeasePool pool; // null in proxy mode
    private final MacAddress probeMac;

    /**
     * @param pool     where addresses are offered and bound; null in proxy mode
     * @param probeMac the MAC of our own probe for other DHCP servers (its requests are ignored), or null
     */
    public DhcpResponder(DhcpConfig config, BootCore boot, LeasePool pool, MacAddress probeMac) {
        if (config.mode() == DhcpMode.FULL && pool == null) throw new IllegalArgumentException("full mode needs an address pool");
        this.config = config;
        this.boot = boot;
        this.pool = pool;
        this.probeMac = probeMac;
        this.log = LoggerFactory.getLogger(config.mode() == DhcpMode.PROXY ? "proxydhcp" : "dhcp");
    }

    /** One request being answered: what was asked, what was decided, and the events so far. */
    private final class Exchange {
        final DhcpPacket p;
        final ClientInfo c;
        final NetIface nif;
        final Arrival arrival;
        final List<DhcpEvent> events = new ArrayList<>(2);
        BootDecision decision;
        /** A message type we do not serve (BOOTP, or one a client does not send). */
        boolean unserved;
        /** The reply carries the firmware menu (option 43's 8/9/10), not a boot file. */
        boolean menuOffered;

        Exchange(DhcpPacket p, ClientInfo c, NetIface nif, Arrival arrival) {
            this.p = p;
            this.c = c;
            this.nif = nif;
            this.arrival = arrival;
        }

        String reason() {
            return decision == null ? null : decision.reason();
        }

        /** A UEFI HTTP Boot client given its boot program (a URL): its answer says HTTPClient, not PXEClient. */
        boolean httpBoot() {
            return c.isHttpBoot() && decision != null && decision.bootFile() != null && !decision.ipxeScript();
        }

        void event(DhcpMessageType reply, int address, String file, String why) {
            boolean proxy = config.mode() == DhcpMode.PROXY || arrival.proxyPort();
            events.add(new DhcpEvent(Instant.now(), config.iface(), c.mac(), p.xid, DhcpMessageType.of(p.messageType()), reply,
                    c.firmware(), c.vendorClass(), c.userClass(), c.ipxe(), address == 0 ? null : Ipv4.fromInt(address), file, proxy, why));
        }
    }

    /**
     * Answers one decoded packet that came in on {@code nif} (whose address and subnet the reply carries).
     */
    public Answer answer(DhcpPacket p, NetIface nif, Arrival arrival) {
        if (p.op != DhcpPacket.BOOTREQUEST) return new Answer(Outcome.NOT_A_REQUEST, null, null, 0, null, List.of());
        if (probeMac != null && p.mac().equals(probeMac)) return new Answer(Outcome.IGNORED, null, null, 0, null, List.of());
        Exchange x = new Exchange(p, ClientInfo.of(p), nif, arrival);
        DhcpPacket reply;
        if (arrival.proxyPort()) reply = proxyRequest(x);
        else if (config.mode() == DhcpMode.PROXY) reply = proxyDiscover(x);
        else reply = full(x);
        List<DhcpEvent> events = List.copyOf(x.events);
        if (reply == null) return new Answer(x.unserved ? Outcome.IGNORED : Outcome.SILENT, null, null, 0, x.decision, events);
        Inet4Address dst;
        int port;
        if (arrival.proxyPort()) {
            dst = arrival.source();
            port = arrival.port();
        } else if (p.giaddr != 0) {
            dst = Ipv4.fromInt(p.giaddr);
            port = config.serverPort();
        } else if (p.ciaddr != 0 && reply.messageType() != DhcpOption.NAK) {
            dst = Ipv4.fromInt(p.ciaddr);
            port = config.serverPort() + 1;
        } else {
            dst = Ipv4.BROADCAST;
            port = config.serverPort() + 1;
        }
        return new Answer(Outcome.REPLY, reply, dst, port, x.decision, events);
    }

    private DhcpPacket full(Exchange x) {
        DhcpPacket p = x.p;
        ClientInfo c = x.c;
        NetIface nif = x.nif;
        int type = p.messageType();
        long leaseMillis = config.leaseSeconds() * 1000L;
        String host = c.hostname();
        switch (type) {
            case DhcpOption.DISCOVER -> {
                int requested = p.optionAddressInt(DhcpOption.REQUESTED_IP);
                int a = pool.offer(c.mac(), requested, host);
                if (a == 0) {
                    log.warn("pool exhausted: no address for {}", c.mac());
                    x.event(null, 0, null, "pool exhausted");
                    return null;
                }
                return addressReply(x, DhcpMessageType.OFFER, a);
            }
            case DhcpOption.REQUEST -> {
                int sid = p.optionAddressInt(DhcpOption.SERVER_ID);
                if (sid != 0 && sid != nif.addressInt()) {
                    pool.withdrawOffer(c.mac());
                    x.event(null, 0, null, "chose server " + Ipv4.format(sid));
                    return null;
                }
                int requested = p.optionAddressInt(DhcpOption.REQUESTED_IP);
                if (requested == 0) requested = p.ciaddr;
                if (requested == 0) {
                    x.event(null, 0, null, "no address requested");
                    return null;
                }
                boolean onSubnet = p.giaddr != 0 || nif.contains(requested);
                if (onSubnet && pool.bind(c.mac(), requested, leaseMillis, host)) {
                    if (!leaseSaved(x, requested)) return null;
                    return addressReply(x, DhcpMessageType.ACK, requested);
                }
                return nak(x, onSubnet ? Ipv4.format(requested) + " is not available to this client"
                        : Ipv4.format(requested) + " is not on this network");
            }
            case DhcpOption.DECLINE -> {
                decline(x);
                return null;
            }
            case DhcpOption.RELEASE -> {
                if (p.ciaddr != 0) pool.release(c.mac(), p.ciaddr);
                x.event(null, p.ciaddr, null, "released");
                return null;
            }
            case DhcpOption.INFORM -> {
                DhcpPacket r = base(p, DhcpMessageType.ACK, nif);
                r.ciaddr = p.ciaddr;
                networkOptions(r, nif, false);
                String file = boot(x, r, true);
                x.event(DhcpMessageType.ACK, p.ciaddr, file, x.reason());
                return r;
            }
            default -> {
                x.unserved = true;
                x.event(null, 0, null, type == 0 ? "BOOTP requests are not served" : "unexpected message type " + type);
                return null;
            }
        }
    }

    /**
     * DHCPDECLINE: the client found its address in use. Honoured only with our server id (RFC 2131
     * requires it) and from the client that holds or was offered that address; the quarantine is
     * bounded in time and in how much of the pool it may take (see {@link LeasePool#decline}).
     */
    private void decline(Exchange x) {
        int sid = x.p.optionAddressInt(DhcpOption.SERVER_ID);
        int a = x.p.optionAddressInt(DhcpOption.REQUESTED_IP);
        if (sid != x.nif.addressInt()) {
            x.event(null, a, null, sid == 0 ? "ignored: no server id" : "ignored: for server " + Ipv4.format(sid));
        } else if (a == 0) {
            x.event(null, 0, null, "ignored: no address");
        } else if (pool.decline(x.c.mac(), a, DECLINE_QUARANTINE_MILLIS)) {
            log.warn("{} declined {} (address in use?): quarantined for {} minutes", x.c.mac(), Ipv4.format(a), DECLINE_QUARANTINE_MILLIS / 60_000);
            x.event(null, a, null, "address quarantined");
        } else {
            x.event(null, a, null, "ignored: " + Ipv4.format(a) + " is not held by this client");
        }
    }

    /**
     * The lease is written to the journal before its ACK is sent (with whatever other changes are
     * waiting, in one write), so a crash right after the ACK cannot lose it. When it cannot be written
     * (disk full, read-only), no ACK is sent: the client asks again, and gets it once leases can be saved.
     */
    private boolean leaseSaved(Exchange x, int address) {
        if (pool.commit()) return true;
        x.event(null, address, null, "not acknowledged: the lease could not be saved (see the log)");
        return false;
    }

    private DhcpPacket addressReply(Exchange x, DhcpMessageType type, int address) {
        DhcpPacket r = base(x.p, type, x.nif);
        r.yiaddr = address;
        networkOptions(r, x.nif, true);
        String hostname = boot.config().host(x.c.mac()).hostname();
        if (hostname != null && !hostname.isBlank()) r.put(DhcpOption.HOSTNAME, hostname);
        String file = boot(x, r, true);
        x.event(type, address, file, x.reason());
        return r;
    }

    private DhcpPacket nak(Exchange x, String why) {
        DhcpPacket r = base(x.p, DhcpMessageType.NAK, x.nif);
        r.put(DhcpOption.MESSAGE, why);
        log.info("NAK {} to {}: {}", DhcpMessageType.of(x.p.messageType()), x.c.mac(), why);
        x.event(DhcpMessageType.NAK, 0, null, why);
        return r;
    }

    private static DhcpPacket base(DhcpPacket p, DhcpMessageType type, NetIface nif) {
        DhcpPacket r = new DhcpPacket();
        r.op = DhcpPacket.BOOTREPLY;
        r.xid = p.xid;
        r.flags = p.flags;
        r.giaddr = p.giaddr;
        r.chaddr = p.chaddr.clone();
        r.putByte(DhcpOption.MESSAGE_TYPE, type.code());
        r.put(DhcpOption.SERVER_ID, nif.address());
        byte[] relay = p.option(DhcpOption.RELAY_AGENT);
        if (relay != null) r.put(DhcpOption.RELAY_AGENT, relay);
        return r;
    }

    private void networkOptions(DhcpPacket r, NetIface nif, boolean lease) {
        if (lease) {
            r.putInt(DhcpOption.LEASE_TIME, config.leaseSeconds());
            r.putInt(DhcpOption.RENEWAL_T1, config.leaseSeconds() / 2);
            r.putInt(DhcpOption.REBINDING_T2, (int) (config.leaseSeconds() * 7L / 8));
        }
        int m = config.subnetMask() != null ? Ipv4.toInt(config.subnetMask()) : nif.netmaskInt();
        r.putInt(DhcpOption.SUBNET_MASK, m);
        r.putInt(DhcpOption.BROADCAST, (nif.addressInt() & m) | ~m);
        if (config.router() != null) r.put(DhcpOption.ROUTER, config.router());
        if (!config.dns().isEmpty()) {
            byte[] d = new byte[4 * config.dns().size()];
            for (int i = 0; i < config.dns().size(); i++) System.arraycopy(config.dns().get(i).getAddress(), 0, d, 4 * i, 4);
            r.put(DhcpOption.DNS, d);
        }
        if (config.domain() != null && !config.domain().isEmpty()) r.put(DhcpOption.DOMAIN, config.domain());
    }

    /**
     * Adds the boot information the policy decides: siaddr/file, options 66/67, 60 PXEClient for PXE
     * clients (60 HTTPClient and no 43 for UEFI HTTP Boot clients, whose boot file is a URL), 175.176 for
     * iPXE in full mode, pxelinux 208-210 (also inside 43). Returns the boot file.
     */
    private String boot(Exchange x, DhcpPacket r, boolean fullMode) {
        ClientInfo c = x.c;
        NetIface nif = x.nif;
        List<FirmwareMenu.Item> menu = boot.firmwareMenu(c);
        if (!menu.isEmpty()) {
            offerMenu(x, r, menu, fullMode);
            return null;
        }
        BootDecision d = boot.decide(c, nif.address());
        x.decision = d;
        if (d.bootFile() == null) return null;
        r.siaddr = nif.addressInt();
        r.file = d.bootFile().length() < 128 ? d.bootFile() : "";
        r.put(DhcpOption.TFTP_SERVER, nif.address().getHostAddress());
        r.put(DhcpOption.BOOTFILE, d.bootFile());
        byte[] vendor43 = null;
        if (x.httpBoot()) {
            // without 60 HTTPClient the firmware does not take the offer for HTTP Boot (OVMF: "Could not retrieve
            // NBP file size"); 43 is PXE's and means nothing to it
            r.put(DhcpOption.VENDOR_CLASS, "HTTPClient");
        } else if (c.isPxe()) {
            // 60 PXEClient marks the offer as a PXE server's; without 43's discovery control 8 a PXE ROM then asks a
            // boot server on port 4011 before it loads the file it was given (OVMF: 1-2 s more, measured under QEMU)
            r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
            vendor43 = new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8};
        }
        if (c.isIpxe() && fullMode) r.put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) DhcpOption.IPXE_NO_PXEDHCP, 1, 1});
        if (d.pxelinux()) {
            r.put(DhcpOption.PXELINUX_MAGIC, new byte[] {(byte) 0xf1, 0x00, 0x74, 0x7e});
            ByteArrayOutputStream sub = new ByteArrayOutputStream();
            if (vendor43 != null) sub.writeBytes(vendor43);
            if (d.pxelinuxConfigFile() != null) {
                r.put(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile());
                sub.writeBytes(encap(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile()));
            }
            if (d.pxelinuxPathPrefix() != null) {
                r.put(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix());
                sub.writeBytes(encap(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix()));
            }
            vendor43 = sub.toByteArray();
        }
        if (vendor43 != null && vendor43.length > 0) {
            byte[] v = Arrays.copyOf(vendor43, vendor43.length + 1);
            v[vendor43.length] = (byte) 255;
            r.put(DhcpOption.VENDOR_SPECIFIC, v);
        }
        return d.bootFile();
    }

    /**
     * The firmware menu instead of a boot file: 60 PXEClient, 43 with discovery control, boot servers, menu and prompt
     * (no boot file: the firmware asks the boot server of the item it chose, on port 4011), 175.176 for iPXE in full mode.
     */
    private void offerMenu(Exchange x, DhcpPacket r, List<FirmwareMenu.Item> items, boolean fullMode) {
        FirmwareMenu m = boot.config().firmwareMenu();
        r.siaddr = x.nif.addressInt();
        r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
        r.put(DhcpOption.VENDOR_SPECIFIC, m.vendorOptions(x.c.firmware(), x.nif.address()));
        if (x.c.isIpxe() && fullMode) r.put(DhcpOption.IPXE_ENCAP, new byte[] {(byte) DhcpOption.IPXE_NO_PXEDHCP, 1, 1});
        x.menuOffered = true;
        String when = m.timeoutSeconds() == 0 ? "at once" : m.timeoutSeconds() == 255 ? "on a key" : "after " + m.timeoutSeconds() + " s";
        x.decision = new BootDecision(null, false, null, null, "firmware menu: " + items.size() + (items.size() == 1 ? " item" : " items")
                + " for " + x.c.firmware().label() + ", '" + items.get(0).label() + "' " + when);
    }

    /** A PXE boot item request: sub-option 71 of option 43 (type, layer). */
    record BootItem(int type, int layer) {}

    /**
     * Option 43 of a request, read for sub-option 71 (the boot item a PXE client asks a boot server for); null when it
     * has none. Throws IllegalArgumentException, saying what is wrong, for a malformed one.
     */
    static BootItem bootItem(byte[] v) {
        int i = 0;
        BootItem found = null;
        while (i < v.length) {
            int code = v[i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) break;
            if (i + 1 >= v.length) throw new IllegalArgumentException("sub-option " + code + " has no length byte");
            int n = v[i + 1] & 0xff;
            if (i + 2 + n > v.length) throw new IllegalArgumentException("sub-option " + code + " (" + n + " bytes) runs past the end of the option");
            if (code == DhcpOption.PXE_BOOT_ITEM) {
                if (n != 4) throw new IllegalArgumentException("sub-option 71 (boot item) is " + n + " bytes, not 4");
                found = new BootItem(((v[i + 2] & 0xff) << 8) | (v[i + 3] & 0xff), ((v[i + 4] & 0xff) << 8) | (v[i + 5] & 0xff));
            }
            i += 2 + n;
        }
        return found;
    }

    private static String hex(int type) {
        return String.format("0x%04x", type);
    }

    /**
     * Port 4011, a request for a boot item of the firmware menu: the item's boot program (file, next server, 66/67),
     * 60 PXEClient and 43.71 echoed; the choice is remembered (an iPXE it chainloads is not shown the menu again).
     * Items of other servers and the local disk are not ours to answer; only layer 0, without credentials (BIS).
     */
    private DhcpPacket bootServerReply(Exchange x, BootItem want) {
        DhcpPacket p = x.p;
        ClientInfo c = x.c;
        FirmwareMenu m = boot.config().firmwareMenu();
        String item = "boot item " + hex(want.type());
        if (m == null) {
            x.event(null, p.ciaddr, null, item + " asked for, but no firmware menu is set");
            return null;
        }
        FirmwareMenu.Item it = m.item(c.firmware(), want.type());
        if (it == null) {
            x.event(null, p.ciaddr, null, item + " is not in the firmware menu for " + c.firmware().label());
            return null;
        }
        if (it.kind() != FirmwareMenu.Kind.PROGRAM) {
            x.event(null, p.ciaddr, null, item + " '" + it.label() + "' is "
                    + (it.kind() == FirmwareMenu.Kind.LOCAL ? "the local disk: nothing to serve" : "served by " + it.server().getHostAddress() + ", not by us"));
            return null;
        }
        if ((want.layer() & 0x8000) != 0 || (want.layer() & 0x7fff) != 0) {
            x.event(null, p.ciaddr, null, item + " '" + it.label() + "': layer " + (want.layer() & 0x7fff)
                    + ((want.layer() & 0x8000) != 0 ? " with credentials (BIS)" : "") + " asked for, only layer 0 is served");
            return null;
        }
        BootDecision d = BootPolicy.placed(boot.config(), it.bootFile(), it.system() == 0 ? Firmware.BIOS : it.system() == 6 ? Firmware.UEFI_IA32
                : it.system() == 11 ? Firmware.UEFI_ARM64 : Firmware.UEFI_X64, "firmware menu item '" + it.label() + "' (" + hex(it.type()) + ")");
        x.decision = d;
        DhcpPacket r = base(p, DhcpMessageType.ACK, x.nif);
        r.ciaddr = p.ciaddr;
        r.siaddr = x.nif.addressInt();
        r.file = d.bootFile().length() < 128 ? d.bootFile() : "";
        r.put(DhcpOption.TFTP_SERVER, x.nif.address().getHostAddress());
        r.put(DhcpOption.BOOTFILE, d.bootFile());
        r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
        byte[] guid = p.option(DhcpOption.CLIENT_GUID);
        if (guid != null) r.put(DhcpOption.CLIENT_GUID, guid);
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.writeBytes(new byte[] {(byte) DhcpOption.PXE_BOOT_ITEM, 4, (byte) (want.type() >> 8), (byte) want.type(),
                (byte) (want.layer() >> 8), (byte) want.layer()});
        if (d.pxelinux()) {
            r.put(DhcpOption.PXELINUX_MAGIC, new byte[] {(byte) 0xf1, 0x00, 0x74, 0x7e});
            if (d.pxelinuxConfigFile() != null) {
                r.put(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile());
                v.writeBytes(encap(DhcpOption.PXELINUX_CONFIGFILE, d.pxelinuxConfigFile()));
            }
            if (d.pxelinuxPathPrefix() != null) {
                r.put(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix());
                v.writeBytes(encap(DhcpOption.PXELINUX_PATHPREFIX, d.pxelinuxPathPrefix()));
            }
        }
        v.write(255);
        r.put(DhcpOption.VENDOR_SPECIFIC, v.toByteArray());
        boot.firmwareMenuChosen(c.mac());
        x.event(DhcpMessageType.ACK, p.ciaddr, d.bootFile(), "boot server: " + d.reason());
        return r;
    }

    private static byte[] encap(int code, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(255, v.length);
        byte[] out = new byte[2 + n];
        out[0] = (byte) code;
        out[1] = (byte) n;
        System.arraycopy(v, 0, out, 2, n);
        return out;
    }

    /** proxyDHCP on port 67: a PXE client's DISCOVER gets boot information, no address. */
    private DhcpPacket proxyDiscover(Exchange x) {
        DhcpPacket p = x.p;
        int type = p.messageType();
        if (type != DhcpOption.DISCOVER && type != DhcpOption.REQUEST) return null;
        if (!x.c.isPxe() && !x.c.isIpxe()) {
            // U-Boot takes the first offer whole: a proxy offer (no address) would leave it without one
            x.event(null, 0, null, x.c.isUBoot() ? "U-Boot reads no proxyDHCP answers: left to the DHCP server (its next-server)"
                    : "not a PXE client: left to the DHCP server");
            return null;
        }
        if (type == DhcpOption.REQUEST) {
            // not ours to answer, but it tells which address the client takes (sessions tie its transfers to it)
            int asked = p.optionAddressInt(DhcpOption.REQUESTED_IP);
            x.event(null, asked != 0 ? asked : p.ciaddr, null, "REQUEST is for the DHCP server");
            return null;
        }
        return proxyReply(x, DhcpMessageType.OFFER);
    }

    /**
     * Port 4011: the PXE client's follow-up request to the boot server, answered directly: a boot item of the firmware
     * menu (43.71) gets that item's boot program; any other request the proxy answer.
     */
    private DhcpPacket proxyRequest(Exchange x) {
        int type = x.p.messageType();
        if (type != DhcpOption.REQUEST && type != DhcpOption.INFORM) return null;
        byte[] v43 = x.p.option(DhcpOption.VENDOR_SPECIFIC);
        if (v43 != null) {
            BootItem want;
            try {
                want = bootItem(v43);
            } catch (IllegalArgumentException e) {
                log.warn("{} sent a malformed option 43 to port {} ({}); not answered", x.c.mac(), config.proxyPort(), e.getMessage());
                x.event(null, x.p.ciaddr, null, "malformed option 43: " + e.getMessage());
                return null;
            }
            if (want != null) return bootServerReply(x, want);
        }
        return proxyReply(x, DhcpMessageType.ACK);
    }

    private DhcpPacket proxyReply(Exchange x, DhcpMessageType type) {
        DhcpPacket p = x.p;
        DhcpPacket r = base(p, type, x.nif);
        r.ciaddr = p.ciaddr;
        String file = boot(x, r, false);
        if (file == null && !x.menuOffered) {
            x.event(null, p.ciaddr, null, x.reason());
            return null;
        }
        if (!r.has(DhcpOption.VENDOR_CLASS)) r.put(DhcpOption.VENDOR_CLASS, "PXEClient");
        byte[] guid = p.option(DhcpOption.CLIENT_GUID);
        if (guid != null) r.put(DhcpOption.CLIENT_GUID, guid);
        if (!x.httpBoot() && !r.has(DhcpOption.VENDOR_SPECIFIC)) r.put(DhcpOption.VENDOR_SPECIFIC, new byte[] {DhcpOption.PXE_DISCOVERY_CONTROL, 1, 8, (byte) 255});
        x.event(type, p.ciaddr, file, "proxyDHCP: " + x.reason());
        return r;
    }
}
