package dev.bootbench.menu.grub;

import dev.bootbench.menu.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What GRUB 2 knows (its manual's command and variable lists): commands, special variables, loaders, colours. */
public final class GrubBuiltins {
    private GrubBuiltins() {}

    /** Commands of GRUB 2 and of the distributions' builds (linuxefi/initrdefi on Fedora and RHEL), and script built-ins. */
    public static final Set<String> COMMANDS = Set.of(
            // script built-ins and tests
            "[", "test", "true", "false", "break", "continue", "return", "setparams", "shift", "source", ".", "export", "set", "unset", "eval",
            "echo", "read", "sleep", "regexp", "clear", "help",
            // menu and loaders
            "menuentry", "submenu", "chainloader", "initrd", "initrd16", "linux", "linux16", "linuxefi", "initrdefi", "xen_hypervisor",
            "xen_module", "multiboot", "multiboot2", "module", "module2", "appleloader", "freedos", "kfreebsd", "kfreebsd_loadenv",
            "kfreebsd_module", "kfreebsd_module_elf", "knetbsd", "knetbsd_module", "knetbsd_module_elf", "kopenbsd", "kopenbsd_ramdisk",
            "legacy_initrd", "legacy_initrd_nounzip", "legacy_kernel", "ntldr", "plan9", "pxechainloader", "truecrypt", "xnu_kernel",
            "xnu_kernel64", "xnu_kextdir", "xnu_kext", "xnu_mkext", "xnu_ramdisk", "xnu_resume", "xnu_splash", "boot", "devicetree",
            // general and command-line
            "serial", "terminal_input", "terminal_output", "terminfo", "acpi", "authenticate", "background_color", "background_image", "badram",
            "blocklist", "blscfg", "bls_import", "cat", "cmosclean", "cmosdump", "cmostest", "cmosset", "cmp", "configfile", "cpuid", "crc",
            "cryptocheck", "cryptomount", "cutmem", "date", "distrust", "distrust_certificate", "drivemap", "efitextmode", "exit", "fwsetup",
            "gdbinfo", "gettext", "gptsync", "halt", "hashsum", "md5sum", "sha1sum", "sha256sum", "sha512sum", "hexdump", "insmod", "keystatus",
            "list_certificates", "list_env", "list_trusted", "load_env", "save_env", "loadfont", "loopback", "ls", "lsfonts", "lsmod", "rmmod",
            "nativedisk", "normal", "normal_exit", "parttool", "password", "password_pbkdf2", "plainmount", "play", "probe", "rdmsr", "wrmsr",
            "reboot", "search", "search.file", "search.fs_label", "search.fs_uuid", "search_label", "search_fs_uuid", "search_fs_file",
            "search_file", "sendkey", "smbios", "trust", "trust_certificate", "uki", "vbeinfo", "verify_appended", "verify_detached",
            "videoinfo", "videotest", "lsefi", "lsefimmap", "lsefisystab", "lsmmap", "lspci", "lsacpi", "lsapm", "lsdev", "lssal", "lsspd",
            "lscoreboot", "hdparm", "setpci", "pcidump", "backtrace", "boottime", "cacheinfo", "dump", "efiemu_loadcore", "efiemu_prepare",
            "efiemu_unload", "extract_entries_configfile", "extract_entries_source", "extract_legacy_entries_configfile",
            "extract_legacy_entries_source", "extract_syslinux_entries_configfile", "extract_syslinux_entries_source", "fakebios", "file",
            "fix_video", "keymap", "legacy_check_password", "legacy_configfile", "legacy_password", "legacy_source", "loadbios",
            "syslinux_configfile", "syslinux_source", "time", "tr", "usb", "inb", "inl", "inw", "outb", "outl", "outw", "read_byte",
            "read_dword", "read_word", "write_byte", "write_dword", "write_word", "suspend", "macppcbless", "mactelbless", "spkmodem",
            "tpm2_key_protector_init", "tpm2_key_protector_clear", "key_protector", "bli", "shim_lock", "hiddenentry", "getenv", "setenv",
            // networking
            "net_add_addr", "net_add_dns", "net_add_route", "net_bootp", "net_bootp6", "net_del_addr", "net_del_dns", "net_del_route",
            "net_dhcp", "net_get_dhcp_option", "net_ipv6_autoconf", "net_ls_addr", "net_ls_cards", "net_ls_dns", "net_ls_routes",
            "net_nslookup", "net_set_vlan");

    /** Loaders: commands that make something bootable (the entry boots when it ends). */
    public static final Set<String> LOADERS = Set.of("linux", "linux16", "linuxefi", "chainloader", "pxechainloader", "multiboot", "multiboot2",
            "kfreebsd", "knetbsd", "kopenbsd", "xnu_kernel", "xnu_kernel64", "ntldr", "freedos", "plan9", "appleloader", "truecrypt",
            "xen_hypervisor", "legacy_kernel", "uki");

    /** Commands that end an entry some other way: another menu, leaving GRUB, restarting. */
    public static final Set<String> LEAVERS = Set.of("configfile", "source", ".", "normal", "reboot", "halt", "exit", "fwsetup", "normal_exit", "boot",
            "syslinux_configfile", "syslinux_source", "extract_entries_configfile", "extract_entries_source", "legacy_configfile",
            "legacy_source", "blscfg", "bls_import");

    /** What each initrd-like command needs loaded before it. */
    public static final Map<String, Set<String>> NEEDS = Map.of(
            "initrd", Set.of("linux", "linuxefi"),
            "initrdefi", Set.of("linuxefi", "linux"),
            "initrd16", Set.of("linux16"),
            "module", Set.of("multiboot"),
            "module2", Set.of("multiboot2"),
            "xen_module", Set.of("xen_hypervisor"),
            "kopenbsd_ramdisk", Set.of("kopenbsd"));

    /** Commands that exist only on one platform. */
    private static final Map<String, Platform> ONLY_ON = Map.ofEntries(
            Map.entry("linux16", Platform.PCBIOS), Map.entry("initrd16", Platform.PCBIOS), Map.entry("pxechainloader", Platform.PCBIOS),
            Map.entry("drivemap", Platform.PCBIOS), Map.entry("freedos", Platform.PCBIOS), Map.entry("ntldr", Platform.PCBIOS),
            Map.entry("linuxefi", Platform.EFI), Map.entry("initrdefi", Platform.EFI), Map.entry("efitextmode", Platform.EFI),
            Map.entry("lsefi", Platform.EFI), Map.entry("lsefimmap", Platform.EFI), Map.entry("lsefisystab", Platform.EFI),
            Map.entry("loadbios", Platform.EFI), Map.entry("fakebios", Platform.EFI), Map.entry("appleloader", Platform.EFI));

    /** Variables GRUB itself sets or reads (the manual's list of special variables, and what it sets at start). */
    public static final Set<String> VARIABLES = Set.of("biosnum", "check_signatures", "check_appended_signatures", "chosen", "cmdpath",
            "color_highlight", "color_normal", "config_directory", "config_file", "debug", "default", "fallback", "gfxmode", "gfxpayload",
            "gfxterm_font", "grub_cpu", "grub_platform", "icondir", "lang", "locale_dir", "secondary_locale_dir", "lockdown",
            "menu_color_highlight", "menu_color_normal", "net_default_interface", "net_default_ip", "net_default_mac", "net_default_server",
            "pager", "prefix", "pxe_blksize", "pxe_default_gateway", "pxe_default_server", "root", "shim_lock", "superusers", "theme",
            "timeout", "timeout_style", "tpm_fail_fatal", "saved_entry", "next_entry", "prev_saved_entry", "boot_once", "env_block",
            "blsuki_save_default", "grub_secureboot", "feature_200_final", "feature_all_video_module", "feature_chainloader_bpb",
            "feature_default_font_path", "feature_menuentry_id", "feature_menuentry_options", "feature_nativedisk_cmd",
            "feature_platform_search_hint", "feature_timeout_style", "feature_net_search_cfg", "feature_ntldr", "?", "@", "*", "#");

    /** {@code net_<interface>_<what>}: what GRUB sets per network interface after DHCP. */
    private static final Pattern NET_VAR = Pattern.compile("net_[A-Za-z0-9_]+_(ip|mac|clientid|clientuuid|hostname|domain|rootpath|"
            + "extensionspath|boot_file|dhcp_server_name|next_server|dhcp_[A-Za-z0-9_]+)");

    /** GRUB's colour names (background colours should be of the first eight). */
    public static final List<String> COLOURS = List.of("black", "blue", "green", "cyan", "red", "magenta", "brown", "light-gray", "dark-gray",
            "light-blue", "light-green", "light-cyan", "light-red", "light-magenta", "yellow", "white");

    public static boolean isCommand(String name) {
        return COMMANDS.contains(name);
    }

    /** Whether GRUB provides the variable (special ones, per-interface network ones, positional parameters). */
    public static boolean isBuiltinVariable(String name) {
        if (VARIABLES.contains(name) || name.matches("[0-9]+")) return true;
        return NET_VAR.matcher(name).matches();
    }

    /** The platform a command is limited to, or null. */
    public static Platform onlyOn(String command) {
        return ONLY_ON.get(command);
    }

    /** The GRUB name of a platform in {@code $grub_platform}. */
    public static String platformName(Platform p) {
        return p == Platform.PCBIOS ? "pc" : "efi";
    }

    /** A boot program BIOS PXE runs (GRUB's pxechainloader), or an EFI program (chainloader on EFI); null: neither. */
    public static Platform programPlatform(String path) {
        String f = path.toLowerCase(Locale.ROOT);
        int q = f.indexOf('?');
        if (q >= 0) f = f.substring(0, q);
        if (f.endsWith(".efi")) return Platform.EFI;
        if (f.endsWith(".0") || f.endsWith(".pxe") || f.endsWith(".kpxe") || f.endsWith(".kkpxe") || f.endsWith(".com") || f.endsWith(".n12"))
            return Platform.PCBIOS;
        return null;
    }

    /** A valid "fg/bg" colour setting. */
    public static boolean validColour(String value) {
        String[] p = value.split("/", -1);
        return p.length == 2 && COLOURS.contains(p[0]) && COLOURS.contains(p[1]);
    }
}
