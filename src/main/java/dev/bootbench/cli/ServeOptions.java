package dev.bootbench.cli;

import dev.bootbench.engine.DhcpMode;
import dev.bootbench.engine.boot.BootPath;
import dev.bootbench.engine.boot.FirmwareMenu;
import dev.bootbench.engine.net.Ipv4;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code bootbench serve}, for every command that runs from a workspace's settings as serve does: add it
 * with {@code @Mixin ServeOptions serve;} and read {@link #parsed()}.
 *
 * <p>The options given on the command line are applied on top of the workspace's settings.json, and only those: an
 * option not given leaves its setting as the workspace has it (no option has a picocli default, except the workspace
 * folder's, which {@link Cli} provides). Values are checked while the command line is read, so a bad one is a usage
 * error (exit status 2) before anything runs or is saved. A repeated option counts once, the last one given ({@link Cli}
 * allows that for every command with this mixin).
 */
public final class ServeOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--iface", paramLabel = "NAME", order = 1, description = "bench interface (required for DHCP)")
    private String iface;

    @Option(names = "--address", paramLabel = "IP", order = 2, converter = Address.class,
            description = "server address, when the interface has several")
    private String address;

    @Option(names = "--dhcp", paramLabel = "full|proxy|off", order = 3, converter = Dhcp.class, completionCandidates = Dhcp.class,
            description = "full: addresses + boot info; proxy: boot info beside another DHCP server (ports 67 and 4011); off: no DHCP  [full]")
    private DhcpMode dhcp;

    @Option(names = "--range", paramLabel = "FIRST-LAST", order = 4, description = "address pool for full mode  [.100-.199 of the subnet]")
    private String range;

    private Integer leaseSeconds;

    @Option(names = "--netmask", paramLabel = "IP", order = 6, converter = Address.class, description = "subnet mask handed out  [the interface's]")
    private String netmask;

    @Option(names = "--router", paramLabel = "IP", order = 7, converter = Address.class, description = "default gateway handed out  [none]")
    private String router;

    @Option(names = "--dns", paramLabel = "IP[,IP...]", order = 8, converter = Addresses.class, description = "DNS servers handed out  [none]")
    private String dns;

    @Option(names = "--domain", paramLabel = "NAME", order = 9, description = "domain name (option 15)  [none]")
    private String domain;

    @Option(names = "--root", paramLabel = "DIR", order = 10, description = "folder served over TFTP and HTTP")
    private Path root;

    private Integer httpPort;
    private Integer tftpPort;

    @Option(names = "--case-insensitive", paramLabel = "on|off", arity = "1", order = 13, converter = OnOff.class, completionCandidates = OnOff.class,
            description = "TFTP and HTTP match file names ignoring case  [off]")
    private String caseInsensitive;

    @Option(names = "--bios-boot", paramLabel = "FILE", order = 14,
            description = "boot program for BIOS PXE clients, and for clients that ask for a boot file (option 67) without naming their firmware  [undionly.kpxe]")
    private String biosBoot;

    @Option(names = "--uefi-boot", paramLabel = "FILE", order = 15, description = "boot program for x64 UEFI clients  [ipxe.efi]")
    private String uefiBoot;

    @Option(names = "--uefi-ia32-boot", paramLabel = "FILE", order = 16, description = "boot program for ia32 UEFI clients  [none]")
    private String uefiIa32Boot;

    @Option(names = "--arm64-boot", paramLabel = "FILE", order = 17, description = "boot program for arm64 UEFI clients  [none]")
    private String arm64Boot;

    @Option(names = "--http-boot", paramLabel = "FILE|URL", order = 18,
            description = "what x64 UEFI HTTP Boot clients fetch over HTTP (a file of the root becomes a URL of ours)  "
                    + "[the program of --uefi-path: --uefi-boot, or shimx64.efi for Secure Boot]")
    private String httpBoot;

    @Option(names = "--arm64-http-boot", paramLabel = "FILE|URL", order = 19, description = "the same for arm64 UEFI HTTP Boot  [that of --arm64-path]")
    private String arm64HttpBoot;

    @Option(names = "--uboot-boot", paramLabel = "FILE", order = 19,
            description = "boot file of U-Boot clients, given with the next-server; boot.scr.uimg (what U-Boot fetches) is made to run the "
                    + "pxelinux menu when the root has none  [boot.scr.uimg]")
    private String ubootBoot;

    @Option(names = "--uefi-path", paramLabel = "ipxe|grub|shim-grub", order = 20, converter = BootPaths.class, completionCandidates = BootPaths.class,
            description = "how x64 UEFI clients boot: iPXE (--uefi-boot), GRUB (grubx64.efi), or Secure Boot: shim (shimx64.efi) loading "
                    + "grubx64.efi beside it; GRUB reads grub/grub.cfg, made from the published menu for each client  [ipxe]")
    private String uefiPath;

    @Option(names = "--arm64-path", paramLabel = "ipxe|grub|shim-grub", order = 21, converter = BootPaths.class, completionCandidates = BootPaths.class,
            description = "the same for arm64 UEFI clients (--arm64-boot, grubaa64.efi, shimaa64.efi)  [grub; ipxe when --arm64-boot is set]")
    private String arm64Path;

    @Option(names = "--ipxe-script", paramLabel = "URL|PATH", order = 22,
            description = "what iPXE clients get (their MAC is added as ?mac=); default Bootbench's own /boot.ipxe; an empty value turns "
                    + "the iPXE rule off, so iPXE clients get the boot program")
    private String ipxeScript;

    @Option(names = "--pxelinux-config", paramLabel = "FILE", order = 23, description = "pxelinux option 209 (config file)")
    private String pxelinuxConfig;

    @Option(names = "--pxelinux-prefix", paramLabel = "PATH", order = 24, description = "pxelinux option 210 (path prefix)")
    private String pxelinuxPrefix;

    @Option(names = "--pxe-item", paramLabel = "SYSTEM:LABEL:TARGET", order = 25, converter = PxeItemConverter.class,
            description = "an item of the PXE firmware's own boot menu (option 43, answered on port 4011), shown by the firmware before "
                    + "any boot program runs; repeat for more (the items given replace the stored ones). SYSTEM: bios, x64, arm64, ia32, "
                    + "or an option 93 number; TARGET: a boot program (a file of the root), server=IP[,type=N] (a boot server elsewhere, "
                    + "e.g. WDS, which the firmware asks itself), or local (the local disk). iPXE chainloaded from an item gets the "
                    + "script, not the menu  [no menu]")
    private List<Settings.PxeItem> pxeItems;

    @Option(names = "--pxe-prompt", paramLabel = "TEXT", order = 25, description = "the firmware menu's prompt  [Press F8 for the boot menu]")
    private String pxePrompt;

    private Integer pxeTimeout;

    @Option(names = "--pxe-default", paramLabel = "LABEL", order = 25, description = "the item taken after the timeout  [each system's first]")
    private String pxeDefault;

    private boolean pxeMenuOff;

    @Option(names = "--pxe-timeout", paramLabel = "SECONDS", order = 25, description = "then the default item: 0 at once, 255 waits for a key  [10]")
    void pxeTimeout(int seconds) {
        if (seconds < 0 || seconds > 255) throw new ParameterException(command.commandLine(), "--pxe-timeout takes 0 to 255 seconds, not '" + seconds + "'");
        pxeTimeout = seconds;
    }

    @Option(names = "--pxe-menu", paramLabel = "off", order = 25, description = "drop the stored firmware menu")
    void pxeMenu(String v) {
        if (!v.equals("off")) throw new ParameterException(command.commandLine(), "--pxe-menu takes off (give the items with --pxe-item), not '" + v + "'");
        pxeMenuOff = true;
    }

    @Option(names = "--no-detect", order = 25, description = "do not look for other DHCP servers on the interface")
    private boolean noDetect;

    @Option(names = "--router-advertisements", paramLabel = "on|off", arity = "1", order = 26, converter = OnOff.class, completionCandidates = OnOff.class,
            description = "IPv6 router advertisements on the bench so iPXE does not wait for an IPv6 router  [on]")
    private String routerAdvertisements;

    @Option(names = "--workspace", paramLabel = "DIR", order = 27, description = "settings, leases and logs  [${DEFAULT-VALUE}]")
    private Path workspace;

    @Option(names = "--save", order = 28, description = "also store the options given here in the workspace")
    private boolean save;

    @Option(names = "--lease-time", paramLabel = "SECONDS", order = 5, description = "lease time handed out  [3600]")
    void leaseTime(int seconds) {
        leaseSeconds = positive("--lease-time", seconds);
    }

    @Option(names = "--http-port", paramLabel = "N", order = 11, description = "HTTP port  [80]")
    void httpPort(int port) {
        httpPort = port("--http-port", port);
    }

    @Option(names = "--tftp-port", paramLabel = "N", order = 12, description = "TFTP port  [69]")
    void tftpPort(int port) {
        tftpPort = port("--tftp-port", port);
    }

    private int positive(String option, int n) {
        if (n <= 0) throw new ParameterException(command.commandLine(), option + " takes a positive whole number, not '" + n + "'");
        return n;
    }

    private int port(String option, int n) {
        positive(option, n);
        if (n > 65535) throw new ParameterException(command.commandLine(), option + " takes a port from 1 to 65535, not " + n);
        return n;
    }

    /** The workspace folder: the one given, else the platform's (see {@link Workspace#defaultDir()}). */
    public Path workspaceDir() {
        return workspace != null ? workspace : Workspace.defaultDir();
    }

    /** Whether {@code --save} was given. */
    public boolean save() {
        return save;
    }

    /** The workspace, its settings.json with the options given applied, and whether to store them. */
    public ServeCommand.Parsed parsed() {
        Workspace ws = new Workspace(workspaceDir());
        Settings s = ws.loadSettings();
        applyTo(s);
        return new ServeCommand.Parsed(ws, s, save, false);
    }

    /** Sets what the options given name, and nothing else. */
    public void applyTo(Settings s) {
        if (iface != null) s.iface = iface;
        if (address != null) s.address = emptyIsNull(address);
        if (dhcp != null) s.dhcpMode = dhcp;
        if (range != null) s.range = range;
        if (leaseSeconds != null) s.leaseSeconds = leaseSeconds;
        if (netmask != null) s.subnetMask = emptyIsNull(netmask);
        if (router != null) s.router = emptyIsNull(router);
        if (dns != null) {
            s.dns = new ArrayList<>();
            for (String d : dns.split(",")) if (!d.isEmpty()) s.dns.add(d);
        }
        if (domain != null) s.domain = domain;
        if (root != null) s.root = root.toAbsolutePath().normalize().toString();
        if (httpPort != null) s.httpPort = httpPort;
        if (tftpPort != null) s.tftpPort = tftpPort;
        if (caseInsensitive != null) s.caseInsensitiveFiles = caseInsensitive.equals(OnOff.ON);
        if (biosBoot != null) s.biosBoot = biosBoot;
        if (uefiBoot != null) s.uefiBoot = uefiBoot;
        if (uefiIa32Boot != null) s.uefiIa32Boot = uefiIa32Boot;
        if (arm64Boot != null) s.arm64Boot = arm64Boot;
        if (httpBoot != null) s.httpBoot = httpBoot;
        if (arm64HttpBoot != null) s.arm64HttpBoot = arm64HttpBoot;
        if (ubootBoot != null) s.ubootBoot = ubootBoot;
        if (uefiPath != null) s.uefiPath = emptyIsNull(uefiPath);
        if (arm64Path != null) s.arm64Path = emptyIsNull(arm64Path);
        if (ipxeScript != null) s.ipxeScript = ipxeScript; // empty stays empty: the iPXE rule off
        if (pxelinuxConfig != null) s.pxelinuxConfigFile = pxelinuxConfig;
        if (pxelinuxPrefix != null) s.pxelinuxPathPrefix = pxelinuxPrefix;
        if (pxeMenuOff) s.pxeMenu = null;
        if (pxeItems != null) pxeMenu(s).items = new ArrayList<>(pxeItems);
        if (pxePrompt != null) pxeMenu(s).prompt = emptyIsNull(pxePrompt);
        if (pxeTimeout != null) pxeMenu(s).timeout = pxeTimeout;
        if (pxeDefault != null) pxeMenu(s).defaultItem = emptyIsNull(pxeDefault);
        if (noDetect) s.detectOtherServers = false;
        if (routerAdvertisements != null) s.routerAdvertisements = routerAdvertisements.equals(OnOff.ON);
    }

    private static Settings.PxeMenu pxeMenu(Settings s) {
        if (s.pxeMenu == null) s.pxeMenu = new Settings.PxeMenu();
        return s.pxeMenu;
    }

    /**
     * {@code SYSTEM:LABEL:TARGET}: the system is up to the first colon, the target after the last (a label may hold
     * colons); the target is {@code local}, {@code server=IP[,type=N]} or a boot program.
     */
    static Settings.PxeItem pxeItem(String v) {
        int a = v.indexOf(':'), b = v.lastIndexOf(':');
        if (a < 0 || b == a) throw new IllegalArgumentException("--pxe-item takes SYSTEM:LABEL:TARGET (e.g. bios:Boot iPXE:undionly.kpxe), not '" + v + "'");
        String system = v.substring(0, a).trim(), label = v.substring(a + 1, b), target = v.substring(b + 1).trim();
        FirmwareMenu.parseSystem(system); // a clear error now, not at start
        if (label.isBlank()) throw new IllegalArgumentException("--pxe-item '" + v + "': no label");
        if (target.isEmpty()) throw new IllegalArgumentException("--pxe-item '" + v + "': no target (a boot program, server=IP or local)");
        if (target.equals("local")) return new Settings.PxeItem(system, label, null, null, null, true);
        if (target.startsWith("server=")) {
            String[] parts = target.substring("server=".length()).split(",");
            String ip = Ipv4.parse(parts[0].trim()).getHostAddress();
            Integer type = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (!p.startsWith("type=")) throw new IllegalArgumentException("--pxe-item '" + v + "': unknown '" + p + "' (server=IP[,type=N])");
                try {
                    type = Integer.parseInt(p.substring(5));
                } catch (NumberFormatException e) {
                    type = -2;
                }
                if (type < 1 || type > 65535) throw new IllegalArgumentException("--pxe-item '" + v + "': type is 1 to 65535 (0 is local)");
            }
            return new Settings.PxeItem(system, label, null, ip, type, null);
        }
        return new Settings.PxeItem(system, label, target, null, null, null);
    }

    static final class PxeItemConverter implements ITypeConverter<Settings.PxeItem> {
        @Override
        public Settings.PxeItem convert(String v) {
            try {
                return pxeItem(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static String emptyIsNull(String v) {
        return v.isEmpty() ? null : v;
    }

    /** An IPv4 address in its usual form, or empty (the setting's default); no DNS look-up. */
    static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String v) {
            if (v.isEmpty()) return "";
            try {
                return Ipv4.parse(v).getHostAddress();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** IPv4 addresses separated by commas, in their usual form and joined again; empty: none. */
    static final class Addresses implements ITypeConverter<String> {
        @Override
        public String convert(String v) {
            StringJoiner all = new StringJoiner(",");
            for (String d : v.split(",")) {
                if (d.isBlank()) continue;
                try {
                    all.add(Ipv4.parse(d).getHostAddress());
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
            return all.toString();
        }
    }

    static final class Dhcp implements ITypeConverter<DhcpMode>, Iterable<String> {
        @Override
        public DhcpMode convert(String v) {
            try {
                return DhcpMode.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("full", "proxy", "off").iterator();
        }
    }

    /** A boot path's canonical name ({@code shim} is {@code shim-grub}); empty: the default. */
    static final class BootPaths implements ITypeConverter<String>, Iterable<String> {
        @Override
        public String convert(String v) {
            try {
                BootPath p = BootPath.parse(v);
                return p == null ? "" : p.id();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("ipxe", "grub", "shim-grub").iterator();
        }
    }

    /** {@code on} or {@code off} (also true/yes, false/no); a string, so that shell completion offers the two words. */
    static final class OnOff implements ITypeConverter<String>, Iterable<String> {
        static final String ON = "on", OFF = "off";

        @Override
        public String convert(String v) {
            return switch (v) {
                case "on", "true", "yes" -> ON;
                case "off", "false", "no" -> OFF;
                default -> throw new TypeConversionException("takes on or off, not '" + v + "'");
            };
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("on", "off").iterator();
        }
    }
}
