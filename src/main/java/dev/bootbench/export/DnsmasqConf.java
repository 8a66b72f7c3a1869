package dev.bootbench.export;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code dnsmasq.conf}: DHCP (full, with the pool and options, or proxy beside another server) and TFTP from the
 * exported root, bound to the bench interface only, no DNS. The boot policy is written as tags ({@link BootRules}):
 * option 93 (or option 60's Arch:) per firmware, user class iPXE or option 175 for iPXE, HTTPClient for UEFI HTTP Boot.
 * Run it with {@code dnsmasq --no-daemon -C DIR/dnsmasq.conf}.
 */
public final class DnsmasqConf {
    public static final String FILE = "dnsmasq.conf";

    private DnsmasqConf() {}

    public static String text(ExportPlan plan) {
        BootRules rules = BootRules.of(plan);
        StringBuilder b = new StringBuilder();
        b.append("# dnsmasq: DHCP and TFTP as Bootbench ran them on the bench. Exported by Bootbench; see README.md.\n");
        b.append("# Check: dnsmasq --test -C ").append(plan.out().resolve(FILE)).append('\n');
        b.append("# Run:   dnsmasq --no-daemon -C ").append(plan.out().resolve(FILE)).append("\n\n");
        b.append("# no DNS server: DHCP and TFTP only\nport=0\n");
        b.append("# the bench interface only\ninterface=").append(plan.iface()).append("\nbind-interfaces\n");
        b.append("pid-file=").append(plan.out().resolve("dnsmasq.pid")).append('\n');
        b.append("log-facility=").append(plan.out().resolve("logs/dnsmasq.log")).append("\nlog-dhcp\n\n");
        if (plan.mode() == DhcpMode.FULL) {
            b.append("# addresses: the pool, the lease time and the options handed out\n");
            b.append("dhcp-range=").append(Ipv4.format(plan.first())).append(',').append(Ipv4.format(plan.last())).append(',')
                    .append(plan.netmask()).append(',').append(plan.leaseSeconds()).append("s\n");
            b.append("dhcp-authoritative\n# no ping before an offer (Bootbench offers at once too)\nno-ping\n");
            b.append("dhcp-leasefile=").append(plan.out().resolve("dnsmasq.leases")).append('\n');
            if (plan.router() != null) b.append("dhcp-option=option:router,").append(plan.router().getHostAddress()).append('\n');
            else b.append("# no router handed out\ndhcp-option=option:router\n");
            if (!plan.dns().isEmpty())
                b.append("dhcp-option=option:dns-server,").append(plan.dns().stream().map(Inet4Address::getHostAddress).collect(Collectors.joining(","))).append('\n');
            else b.append("# no DNS server handed out\ndhcp-option=option:dns-server\n");
            if (plan.domain() != null) b.append("dhcp-option=option:domain-name,").append(plan.domain()).append('\n');
        } else {
            b.append("# proxyDHCP: another server hands out the addresses; dnsmasq adds the boot information (ports 67 and 4011)\n");
            b.append("dhcp-range=").append(plan.network()).append(",proxy,").append(plan.netmask()).append('\n');
            b.append("dhcp-leasefile=").append(plan.out().resolve("dnsmasq.leases")).append('\n');
        }
        b.append('\n');
        b.append("# TFTP from the exported root");
        if (plan.tftpPort() != 69) b.append(" (dnsmasq listens on port 69 only: Bootbench used ").append(plan.tftpPort()).append(')');
        b.append("\nenable-tftp\ntftp-root=").append(plan.root()).append('\n');
        if (plan.caseInsensitive()) b.append("# Bootbench matched file names ignoring case: dnsmasq cannot; names are as in root/\n");
        b.append('\n');

        b.append("# who is who: iPXE, UEFI HTTP Boot, and the PXE firmware by option 93 (else option 60's Arch:)\n");
        b.append("dhcp-userclass=set:").append(BootRules.IPXE).append(",iPXE\n");
        b.append("dhcp-match=set:").append(BootRules.IPXE).append(",175\n");
        b.append("dhcp-vendorclass=set:").append(BootRules.HTTPBOOT).append(",HTTPClient\n");
        for (BootRules.Arch a : BootRules.Arch.values()) {
            for (int code : a.codes) {
                b.append("dhcp-match=set:").append(a.tag).append(",option:client-arch,").append(code).append('\n');
                b.append("dhcp-vendorclass=set:").append(a.tag).append(a.http() ? ",HTTPClient:Arch:" : ",PXEClient:Arch:")
                        .append(String.format("%05d", code)).append('\n');
                if (a.http()) b.append("dhcp-match=set:").append(BootRules.HTTPBOOT).append(",option:client-arch,").append(code).append('\n');
            }
        }
        if (!rules.hosts().isEmpty() || !plan.addresses().isEmpty()) {
            b.append("\n# clients with settings of their own: their address and name, and a tag for their boot rules\n");
            List<MacAddress> macs = new ArrayList<>(plan.addresses().keySet());
            for (BootRules.Host h : rules.hosts()) if (!macs.contains(h.mac())) macs.add(h.mac());
            for (MacAddress mac : macs) {
                StringBuilder line = new StringBuilder("dhcp-host=").append(mac);
                rules.hosts().stream().filter(h -> h.mac().equals(mac)).findFirst().ifPresent(h -> line.append(",set:").append(h.tag()));
                ExportPlan.Reservation r = plan.addresses().get(mac);
                if (r != null && r.address() != null && plan.mode() == DhcpMode.FULL) line.append(',').append(r.address().getHostAddress());
                if (r != null && r.hostname() != null) line.append(',').append(r.hostname());
                b.append(line).append('\n');
            }
        }
        b.append("\n# the boot policy: each rule excludes the others, so their order does not matter\n");
        int n = 0;
        for (BootRules.Rule r : rules.rules()) {
            String tags = tags(r);
            String set = "r" + ++n;
            b.append("# ").append(r.why()).append('\n');
            // a tag of its own for the rule, so its options go with its boot file only
            b.append("tag-if=set:").append(set).append(tags.isEmpty() ? "" : "," + tags).append('\n');
            b.append("dhcp-boot=tag:").append(set).append(',').append(r.bootFile());
            if (!r.url()) b.append(",,").append(plan.addressText());
            b.append('\n');
            if (r.httpClient()) b.append("dhcp-option-force=tag:").append(set).append(",60,HTTPClient\n");
            if (r.pxelinux()) {
                b.append("dhcp-option-force=tag:").append(set).append(",208,f1:00:74:7e\n");
                if (r.pxelinuxConfig() != null) b.append("dhcp-option-force=tag:").append(set).append(",209,\"").append(r.pxelinuxConfig()).append("\"\n");
                if (r.pxelinuxPrefix() != null) b.append("dhcp-option-force=tag:").append(set).append(",210,\"").append(r.pxelinuxPrefix()).append("\"\n");
            }
        }
        return b.toString();
    }

    private static String tags(BootRules.Rule r) {
        List<String> t = new ArrayList<>();
        for (String w : r.with()) t.add("tag:" + w);
        for (String w : r.without()) t.add("tag:!" + w);
        return String.join(",", t);
    }
}
