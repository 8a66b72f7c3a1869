package dev.bootbench.export;

import dev.bootbench.engine.DhcpMode;

/** {@code README.md}: what each file is, how to install it on Debian, and what an export cannot carry. */
public final class ExportReadme {
    public static final String FILE = "README.md";

    private ExportReadme() {}

    public static String text(ExportPlan plan) {
        String dir = plan.out().toString();
        StringBuilder b = new StringBuilder();
        b.append("# Bootbench export for production\n\n");
        b.append("The boot setup tested on the bench with Bootbench, for servers that run it without Bootbench: ")
                .append("dnsmasq or Kea for DHCP, dnsmasq or tftpd-hpa for TFTP, nginx for HTTP. Every path in these files is ")
                .append("absolute (").append(dir).append("): move the folder and export again, or edit the paths.\n\n");
        b.append("Bench interface `").append(plan.iface() == null ? "(none)" : plan.iface()).append("`, address ")
                .append(plan.addressText()).append('/').append(plan.prefixLength()).append(", DHCP ")
                .append(plan.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (plan.mode() == DhcpMode.FULL)
            b.append(", pool ").append(dev.bootbench.engine.net.Ipv4.format(plan.first())).append('-').append(dev.bootbench.engine.net.Ipv4.format(plan.last()));
        b.append(", iPXE script ").append(plan.scriptUrl()).append(".\n\n");
        b.append("## The files\n\n");
        b.append("| File | What it is |\n|---|---|\n");
        if (plan.mode() != DhcpMode.OFF) b.append("| `dnsmasq.conf` | DHCP and TFTP in one program, the boot policy as tags |\n");
        if (KeaConf.applies(plan)) b.append("| `kea-dhcp4.conf` | DHCP by Kea, the boot policy as client classes; HA for a pair commented in it |\n");
        b.append("| `tftpd-hpa` | TFTP by tftpd-hpa, as `/etc/default/tftpd-hpa` |\n");
        b.append("| `nginx.conf` | HTTP by nginx: the scripts, kernels and images of `root/` |\n");
        b.append("| `root/` | the served folder, with the published menu as static files (`boot.ipxe`, `boot-<mac>.ipxe`, `pxelinux.cfg/`, `grub/grub.cfg`) |\n");
        b.append("| `logs/` | the servers' logs, when run as below |\n\n");
        b.append("Choose **either** dnsmasq (DHCP and TFTP) **or** Kea with tftpd-hpa; nginx serves HTTP in both cases. ");
        b.append("Only one DHCP server may answer on the segment.\n\n");
        b.append("## Install on Debian\n\n");
        b.append("```sh\napt-get install dnsmasq-base nginx-light      # dnsmasq + nginx\n");
        b.append("apt-get install kea-dhcp4-server tftpd-hpa nginx-light   # or Kea + tftpd-hpa + nginx\n```\n\n");
        if (plan.mode() != DhcpMode.OFF) {
            b.append("### dnsmasq (DHCP and TFTP)\n\n```sh\ndnsmasq --test -C ").append(dir).append("/dnsmasq.conf\n");
            b.append("dnsmasq --no-daemon -C ").append(dir).append("/dnsmasq.conf      # or: cp dnsmasq.conf /etc/dnsmasq.d/bootbench.conf\n```\n\n");
            b.append("dnsmasq drops its privileges to its own user: that user must be able to write the leases file and the log ")
                    .append("under ").append(dir).append(" (`chown dnsmasq ").append(dir).append(" ").append(dir).append("/logs`), ")
                    .append("or move `dhcp-leasefile` and `log-facility` to `/var/lib/misc` and `/var/log`.\n\n");
        }
        if (KeaConf.applies(plan)) {
            b.append("### Kea (DHCP)\n\n```sh\nkea-dhcp4 -t ").append(dir).append("/kea-dhcp4.conf\n");
            b.append("cp ").append(dir).append("/kea-dhcp4.conf /etc/kea/kea-dhcp4.conf && systemctl restart kea-dhcp4-server\n```\n\n");
            b.append("Leases are kept in `").append(dir).append("/kea-leases4.csv` (memfile); for a pair, uncomment the ")
                    .append("high-availability section and load the HA hook on both servers, or use a database lease backend.\n\n");
        } else if (plan.mode() == DhcpMode.PROXY) {
            b.append("### Kea\n\nBootbench ran as proxyDHCP beside another DHCP server. Kea has no proxyDHCP mode: use dnsmasq, ")
                    .append("or put the boot policy of `dnsmasq.conf` into the DHCP server that hands out the addresses.\n\n");
        }
        b.append("### tftpd-hpa (TFTP, with Kea)\n\n```sh\ncp ").append(dir).append("/tftpd-hpa /etc/default/tftpd-hpa && systemctl restart tftpd-hpa\n```\n\n");
        b.append("### nginx (HTTP)\n\n```sh\nnginx -t -c ").append(dir).append("/nginx.conf -p ").append(dir).append('\n');
        b.append("nginx -c ").append(dir).append("/nginx.conf -p ").append(dir).append("      # or include its server block in /etc/nginx/sites-enabled/\n```\n\n");
        b.append("The files of `root/` must be readable by the users `tftp` and `www-data` (the export makes them world-readable).\n");
        b.append("syslinux in `bios/`, `efi64/` or `efi32/` looks for its config and kernels in its own folder; those folders hold links "
                + "to the top of `root/` (`bios/pxelinux.cfg -> ../pxelinux.cfg`): keep them when copying (`cp -a`, `rsync -a`).\n\n");
        b.append("## What an export cannot carry\n\n");
        b.append("- **Live sessions and the Clients view**: Bootbench follows each client from DHCP to the kernel. Here each server ")
                .append("keeps its own log instead: dnsmasq's or Kea's (`logs/`, DHCP with the class or tags that answered), ")
                .append("tftpd-hpa's in syslog (`journalctl -u tftpd-hpa`, add `--verbose` to TFTP_OPTIONS), nginx's access log ")
                .append("(`logs/nginx-access.log`: each script, kernel and initrd fetched, with its status and size).\n");
        b.append("- **Beacons**: the scripts here report no stages (nothing would receive them); the access log shows how far a client got.\n");
        b.append("- **Next boots for once**: Bootbench takes a next boot away once used; a static `boot-<mac>.ipxe` stays until you ")
                .append("export again. The DHCP configurations send those clients to their file by MAC; GRUB gets the menu for every client.\n");
        b.append("- **The MAC in the script URL**: Bootbench adds `?mac=` to the script URL; static files need no such parameter.\n");
        b.append("- **Detection of other DHCP servers and IPv6 router advertisements**: not part of these servers; run `nmap --script ")
                .append("broadcast-dhcp-discover` before going live.\n");
        if (plan.caseInsensitive()) b.append("- **File names ignoring case**: neither tftpd-hpa, dnsmasq nor nginx does that; the names in `root/` must match the requests.\n");
        if (plan.tftpPort() != 69) b.append("- **TFTP port ").append(plan.tftpPort()).append("**: dnsmasq serves TFTP on port 69 only.\n");
        return b.toString();
    }
}
