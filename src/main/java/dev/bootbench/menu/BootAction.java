package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What an entry boots. File references are either local paths relative to the served root (written in
 * scripts as {@code ${base-url}/path}) or absolute URLs ({@code http://}, {@code https://}, {@code tftp://}, or any
 * text containing {@code ://} or starting with {@code ${}), used verbatim; see {@link FileRefs}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BootAction.Linux.class, name = "linux"),
    @JsonSubTypes.Type(value = BootAction.Chain.class, name = "chain"),
    @JsonSubTypes.Type(value = BootAction.Wimboot.class, name = "wimboot"),
    @JsonSubTypes.Type(value = BootAction.Wds.class, name = "wds"),
    @JsonSubTypes.Type(value = BootAction.Iso.class, name = "iso"),
    @JsonSubTypes.Type(value = BootAction.LocalDisk.class, name = "local"),
    @JsonSubTypes.Type(value = BootAction.Shell.class, name = "shell"),
    @JsonSubTypes.Type(value = BootAction.Reboot.class, name = "reboot"),
    @JsonSubTypes.Type(value = BootAction.Poweroff.class, name = "poweroff"),
    @JsonSubTypes.Type(value = BootAction.Custom.class, name = "custom"),
    @JsonSubTypes.Type(value = BootAction.Submenu.class, name = "submenu"),
})
public sealed interface BootAction {

    /** A Linux kernel with initrds and a command line. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Linux(String kernel, List<String> initrds, String args) implements BootAction {
        public Linux {
            initrds = initrds == null ? List.of() : List.copyOf(initrds);
            if (args == null) args = "";
            args = args.trim();
        }
    }

    /**
     * Chain to another boot program or iPXE script. With {@code httpFallback} and an {@code https://} URL the
     * generated script retries the same URL over plain HTTP when HTTPS fails (as seed 000 does).
     */
    record Chain(String url, boolean httpFallback) implements BootAction {
        public Chain {
            if (url == null || !url.startsWith("https://")) httpFallback = false;
        }
    }

    /** Windows PE through wimboot: the wimboot binary, the BCD store, boot.sdi and boot.wim. */
    record Wimboot(String wimboot, String bcd, String bootSdi, String bootWim) implements BootAction {}

    /**
     * Chainload Windows Deployment Services from {@code server} (null: the DHCP next-server) over TFTP:
     * wdsnbp.com on BIOS, wdsmgfw.efi on UEFI, in the x64 or x86 folder (paths relative to the WDS TFTP root;
     * null means the WDS default).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Wds(String server, String biosX64, String efiX64, String biosX86, String efiX86) implements BootAction {
        public Wds(String server) {
            this(server, null, null, null, null);
        }

        @JsonIgnore public String biosX64Path() { return biosX64 != null ? biosX64 : "boot/x64/wdsnbp.com"; }
        @JsonIgnore public String efiX64Path() { return efiX64 != null ? efiX64 : "boot/x64/wdsmgfw.efi"; }
        @JsonIgnore public String biosX86Path() { return biosX86 != null ? biosX86 : "boot/x86/wdsnbp.com"; }
        @JsonIgnore public String efiX86Path() { return efiX86 != null ? efiX86 : "boot/x86/wdsmgfw.efi"; }
    }

    /**
     * An ISO image: on BIOS memdisk (the whole image in memory), or sanboot over HTTP when {@code sanbootOnBios} (iPXE
     * reads the image by ranges as the BIOS asks: large ISOs; pxelinux and GRUB have no sanboot and keep memdisk); on EFI
     * sanboot over HTTP when {@code sanbootOnEfi} (the ISO needs an EFI boot image), otherwise not offered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Iso(String iso, String memdisk, boolean sanbootOnEfi,
               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sanbootOnBios) implements BootAction {
        public Iso(String iso, String memdisk, boolean sanbootOnEfi) {
            this(iso, memdisk, sanbootOnEfi, false);
        }

        @JsonIgnore public String memdiskPath() { return memdisk != null ? memdisk : "memdisk"; }
    }

    /**
     * Boot from the local disk. {@code drive} null: leave the network boot and let the firmware try the next
     * device (iPXE {@code exit}, pxelinux {@code LOCALBOOT -1}); a BIOS drive number such as {@code 0x80}: boot
     * that disk (iPXE {@code sanboot --drive}, pxelinux {@code LOCALBOOT 0}; on EFI, {@code exit}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LocalDisk(String drive) implements BootAction {}

    /** The iPXE command shell. */
    record Shell() implements BootAction {}

    record Reboot() implements BootAction {}

    record Poweroff() implements BootAction {}

    /**
     * Lines written verbatim: iPXE script lines for the entry's section, pxelinux lines for its LABEL, and/or GRUB
     * commands for the body of its {@code menuentry}.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Custom(String ipxe, String pxelinux, String grub) implements BootAction {
        public Custom {
            if (ipxe == null) ipxe = "";
            if (pxelinux == null) pxelinux = "";
            if (grub == null) grub = "";
        }

        public Custom(String ipxe, String pxelinux) {
            this(ipxe, pxelinux, "");
        }
    }

    /** A nested menu. */
    record Submenu(Menu menu) implements BootAction {}
}
