package dev.bootbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.engine.net.MacAddress;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code kea-dhcp4.conf}: the pool and options of full mode on the bench interface, the boot policy as client classes
 * ({@link BootRules}: each class's test excludes the others'), {@code next-server} and {@code boot-file-name} per
 * class, address and name reservations per MAC, leases in a memfile under the export folder, and a commented
 * high-availability section for a pair. Kea has no proxyDHCP: an export in proxy mode has no Kea configuration.
 */
public final class KeaConf {
    public static final String FILE = "kea-dhcp4.conf";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KeaConf() {}

    /** Whether there is one: full mode only. */
    public static boolean applies(ExportPlan plan) {
        return plan.mode() == DhcpMode.FULL;
    }

    public static String text(ExportPlan plan) {
        BootRules rules = BootRules.of(plan);
        ObjectNode dhcp4 = JSON.createObjectNode();
        ObjectNode ifaces = dhcp4.putObject("interfaces-config");
        ifaces.putArray("interfaces").add(plan.iface() + "/" + plan.addressText());
        ifaces.put("dhcp-socket-type", "raw");
        ObjectNode leases = dhcp4.putObject("lease-database");
        leases.put("type", "memfile");
        leases.put("persist", true);
        leases.put("name", plan.out().resolve("kea-leases4.csv").toString());
        leases.put("lfc-interval", 3600);
        dhcp4.put("valid-lifetime", plan.leaseSeconds());
        dhcp4.put("renew-timer", plan.leaseSeconds() / 2);
        dhcp4.put("rebind-timer", (int) (plan.leaseSeconds() * 7L / 8));
        // pxelinux's options have no standard definition in Kea
        ArrayNode defs = dhcp4.putArray("option-def");
        def(defs, "pxelinux-magic", 208, "binary");
        def(defs, "pxelinux-configfile", 209, "string");
        def(defs, "pxelinux-pathprefix", 210, "string");

        ArrayNode classes = dhcp4.putArray("client-classes");
        for (BootRules.Rule r : rules.rules()) {
            ObjectNode c = classes.addObject();
            c.put("name", "bb-" + r.name());
            c.put("test", test(r, rules));
            if (!r.url()) c.put("next-server", plan.addressText());
            if (r.bootFile().length() < 128) c.put("boot-file-name", r.bootFile());
            ArrayNode opts = c.putArray("option-data");
            // option 67 as well: a URL may not fit the header's 128 bytes, and iPXE reads either
            option(opts, "boot-file-name", r.bootFile());
            if (r.httpClient()) option(opts, "vendor-class-identifier", "HTTPClient");
            if (r.pxelinux()) {
                ObjectNode magic = option(opts, "pxelinux-magic", "F100747E");
                magic.put("csv-format", false);
                if (r.pxelinuxConfig() != null) option(opts, "pxelinux-configfile", r.pxelinuxConfig());
                if (r.pxelinuxPrefix() != null) option(opts, "pxelinux-pathprefix", r.pxelinuxPrefix());
            }
        }

        ArrayNode subnets = dhcp4.putArray("subnet4");
        ObjectNode subnet = subnets.addObject();
        subnet.put("id", 1);
        subnet.put("subnet", plan.network() + "/" + plan.prefixLength());
        subnet.put("interface", plan.iface());
        subnet.putArray("pools").addObject().put("pool", Ipv4.format(plan.first()) + " - " + Ipv4.format(plan.last()));
        ArrayNode opts = subnet.putArray("option-data");
        if (plan.router() != null) option(opts, "routers", plan.router().getHostAddress());
        if (!plan.dns().isEmpty())
            option(opts, "domain-name-servers", plan.dns().stream().map(Inet4Address::getHostAddress).collect(Collectors.joining(", ")));
        if (plan.domain() != null) option(opts, "domain-name", plan.domain());
        ArrayNode res = subnet.putArray("reservations");
        for (Map.Entry<MacAddress, ExportPlan.Reservation> e : plan.addresses().entrySet()) {
            ObjectNode r = res.addObject();
            r.put("hw-address", e.getKey().toString());
            if (e.getValue().address() != null) r.put("ip-address", e.getValue().address().getHostAddress());
            if (e.getValue().hostname() != null) r.put("hostname", e.getValue().hostname());
        }
        ArrayNode loggers = dhcp4.putArray("loggers");
        ObjectNode logger = loggers.addObject();
        logger.put("name", "kea-dhcp4");
        logger.putArray("output_options").addObject().put("output", plan.out().resolve("logs/kea-dhcp4.log").toString());
        logger.put("severity", "INFO");

        ObjectNode root = JSON.createObjectNode();
        root.set("Dhcp4", dhcp4);
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values is always JSON", e);
        }
        // the high-availability section, commented, just inside Dhcp4 (Kea reads // comments)
        int at = json.indexOf('{', json.indexOf("\"Dhcp4\"")) + 1;
        String head = "// Kea DHCPv4: the DHCP service Bootbench ran on the bench. Exported by Bootbench; see README.md.\n"
                + "// Check: kea-dhcp4 -t " + plan.out().resolve(FILE) + "\n"
                + "// Boot policy: each client class below is one answer of Bootbench's policy; their tests exclude each other.\n";
        return head + json.substring(0, at) + "\n" + haSection(plan) + json.substring(at) + "\n";
    }

    /** The tests of the classes a rule names, joined. */
    static String test(BootRules.Rule r, BootRules rules) {
        List<String> t = new ArrayList<>();
        for (String w : r.with()) t.add(expr(w, rules));
        for (String w : r.without()) t.add("not " + expr(w, rules));
        return t.isEmpty() ? "true" : String.join(" and ", t);
    }

    /** A class of {@link BootRules} as a Kea expression. */
    static String expr(String tag, BootRules rules) {
        if (tag.equals(BootRules.IPXE)) return "(substring(option[77].hex,0,4) == 'iPXE' or option[175].exists)";
        if (tag.equals(BootRules.HTTPBOOT))
            return "(substring(option[60].hex,0,10) == 'HTTPClient' or option[93].hex == 0x0010 or option[93].hex == 0x0013)";
        for (BootRules.Host h : rules.hosts())
            if (h.tag().equals(tag)) return "(pkt4.mac == 0x" + HexFormat.of().formatHex(h.mac().bytes()) + ")";
        for (BootRules.Arch a : BootRules.Arch.values()) {
            if (!a.tag.equals(tag)) continue;
            List<String> alt = new ArrayList<>();
            String prefix = a.http() ? "HTTPClient:Arch:" : "PXEClient:Arch:";
            for (int code : a.codes) {
                alt.add(String.format("option[93].hex == 0x%04x", code));
                String v = prefix + String.format("%05d", code);
                alt.add(String.format("(not option[93].exists and substring(option[60].hex,0,%d) == '%s')", v.length(), v));
            }
            return "(" + String.join(" or ", alt) + ")";
        }
        throw new IllegalArgumentException("no class " + tag);
    }

    private static void def(ArrayNode defs, String name, int code, String type) {
        ObjectNode d = defs.addObject();
        d.put("name", name);
        d.put("code", code);
        d.put("type", type);
        d.put("space", "dhcp4");
    }

    private static ObjectNode option(ArrayNode opts, String name, String data) {
        ObjectNode o = opts.addObject();
        o.put("name", name);
        o.put("data", data);
        o.put("always-send", true);
        return o;
    }

    static String haSection(ExportPlan plan) {
        String hooks = "/usr/lib/x86_64-linux-gnu/kea/hooks";
        return """
                    // High availability for a pair of servers (hot standby): uncomment, copy this file to the
                    // second server with "this-server-name" set to "server2", and give both servers' URLs. Both
                    // need kea-ctrl-agent or the peers' listener, and the same boot root (see README.md).
                    // "hooks-libraries": [
                    //   { "library": "%1$s/libdhcp_lease_cmds.so" },
                    //   { "library": "%1$s/libdhcp_ha.so",
                    //     "parameters": { "high-availability": [ {
                    //       "this-server-name": "server1",
                    //       "mode": "hot-standby",
                    //       "heartbeat-delay": 10000, "max-response-delay": 60000,
                    //       "max-ack-delay": 5000, "max-unacked-clients": 5,
                    //       "peers": [
                    //         { "name": "server1", "url": "http://%2$s:8000/", "role": "primary", "auto-failover": true },
                    //         { "name": "server2", "url": "http://SECOND-SERVER-ADDRESS:8000/", "role": "standby", "auto-failover": true }
                    //       ] } ] } }
                    // ],
                """.formatted(hooks, plan.addressText());
    }
}
