package dev.bootbench.export;

/**
 * {@code tftpd-hpa}: the TFTP server's settings in the format of {@code /etc/default/tftpd-hpa}, serving the exported
 * root on the bench address and Bootbench's TFTP port. {@code --secure} makes the root the top of every path, as
 * Bootbench's TFTP server does.
 */
public final class TftpdHpaDefaults {
    public static final String FILE = "tftpd-hpa";

    private TftpdHpaDefaults() {}

    public static String text(ExportPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append("# /etc/default/tftpd-hpa: TFTP as Bootbench served it on the bench. Exported by Bootbench; see README.md.\n");
        b.append("# Install: cp ").append(plan.out().resolve(FILE)).append(" /etc/default/tftpd-hpa && systemctl restart tftpd-hpa\n");
        if (plan.caseInsensitive()) b.append("# Bootbench matched file names ignoring case: tftpd-hpa does not; names are as in root/\n");
        b.append("TFTP_USERNAME=\"tftp\"\n");
        b.append("TFTP_DIRECTORY=\"").append(plan.root()).append("\"\n");
        b.append("TFTP_ADDRESS=\"").append(plan.addressText()).append(':').append(plan.tftpPort()).append("\"\n");
        b.append("TFTP_OPTIONS=\"--secure\"\n");
        return b.toString();
    }
}
