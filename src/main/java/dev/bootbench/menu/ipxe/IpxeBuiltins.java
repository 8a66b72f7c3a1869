package dev.bootbench.menu.ipxe;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** iPXE's commands and built-in settings (ipxe.org/cmd, ipxe.org/cfg). */
public final class IpxeBuiltins {
    private IpxeBuiltins() {}

    public static final Set<String> COMMANDS = Set.of(
            // network
            "ifopen", "ifclose", "ifstat", "ifconf", "dhcp", "pxebs", "route", "ipstat", "vcreate", "vdestroy", "nslookup", "ntp", "ping",
            "nstat", "lldp", "neighbour", "iwstat", "iwlist", "ibstat", "fcstat", "fcels", "autoboot", "sync",
            // images
            "imgfetch", "module", "initrd", "imgselect", "kernel", "imgload", "imgexec", "chain", "boot", "imgargs", "imgstat", "imgfree",
            "imgverify", "imgtrust", "imgextract", "imgmem", "imgdecrypt", "shim", "certstat", "certstore", "certfree", "digest", "md5sum",
            "sha1sum",
            // settings
            "set", "clear", "read", "show", "config", "inc", "params", "param", "login",
            // flow and tests
            "goto", "exit", "isset", "iseq", "sleep", "prompt", "echo", "shell", "cpuid", "help", "time",
            // menus and forms
            "menu", "item", "choose", "form", "present",
            // console
            "console", "colour", "cpair",
            // san
            "sanboot", "sanhook", "sanunhook",
            // power and misc
            "reboot", "poweroff", "fwsetup", "pciscan", "gdbstub", "profstat", "nvo");

    private static final Set<String> SETTINGS = Set.of(
            "platform", "buildarch", "version", "product", "manufacturer", "serial", "asset", "board-serial", "uuid", "mac", "busid",
            "bustype", "busloc", "chip", "ifname", "ip", "netmask", "gateway", "dns", "dns6", "domain", "next-server", "filename",
            "root-path", "san-filename", "hostname", "user-class", "vendor-class", "initiator-iqn", "keep-san", "skip-san-boot",
            "syslog", "syslogs", "ntp", "unixtime", "cwduri", "cwuri", "username", "password", "reverse-username", "reverse-password",
            "priority", "scriptlet", "keymap", "memsize", "ip6", "len6", "gateway6", "crosscert", "trust", "cert", "privkey", "https-proxy",
            "http-proxy", "ssid", "key", "mtu", "dhcp-server", "lease-time", "user-id", "sysmac", "linklocal", "linktype",
            "ipxe-version", "pxebs-reply", "errno");

    private static final Pattern NUMERIC = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern SCOPE = Pattern.compile("(net\\d+|netX|net\\d+\\.dhcp|netX\\.dhcp|proxydhcp|pxebs|smbios|pci[^/]*|usb[^/]*|"
            + "net\\d+\\.\\w+|netX\\.\\w+|ipv6|ipv4|dhcp)(/.*)?", Pattern.CASE_INSENSITIVE);

    public static boolean isCommand(String name) {
        return COMMANDS.contains(name);
    }

    /** Whether a setting name is provided by iPXE itself (DHCP options, interface and platform settings). */
    public static boolean isBuiltinSetting(String name) {
        if (name.isEmpty()) return true;
        String n = name.toLowerCase(Locale.ROOT);
        if (SETTINGS.contains(n) || NUMERIC.matcher(n).matches()) return true;
        int slash = n.indexOf('/');
        if (slash >= 0) {
            String scope = n.substring(0, slash), rest = n.substring(slash + 1);
            if (SCOPE.matcher(scope).matches()) return true;
            return SETTINGS.contains(rest) || NUMERIC.matcher(rest).matches();
        }
        return false;
    }

    /** Boot programs that only run on BIOS, or only on EFI; null when either. */
    public static String biosOnlyReason(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.equals("memdisk")) return "memdisk runs on BIOS only";
        if (f.endsWith(".c32")) return "COM32 module " + file + " runs under syslinux on BIOS only";
        if (f.endsWith(".com") || f.endsWith(".kpxe") || f.endsWith(".kkpxe") || f.endsWith(".kkkpxe") || f.endsWith(".pxe")
                || f.endsWith(".0") || f.endsWith(".lkrn") || f.endsWith(".n12"))
            return file + " is a BIOS (PXE) boot program";
        return null;
    }

    public static boolean efiOnly(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".efi");
    }

    /** Last path segment of a URL or path, without query. */
    public static String fileName(String url) {
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) u = u.substring(0, q);
        int h = u.indexOf('#');
        if (h >= 0) u = u.substring(0, h);
        u = u.replace('\\', '/');
        int s = u.lastIndexOf('/');
        return s >= 0 ? u.substring(s + 1) : u;
    }
}
