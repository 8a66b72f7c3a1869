package dev.bootbench.export;

import dev.bootbench.workspace.AtomicFiles;
import dev.bootbench.workspace.Settings;
import dev.bootbench.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the setup tested on the bench for production servers: dnsmasq, Kea, tftpd-hpa and nginx configurations and
 * the served tree, made from the same settings and published menu the engine runs with (see {@link ExportPlan}).
 * Every file is written whole or not at all; files in the folder that the export does not write are left alone.
 */
public final class ProductionExport {
    private static final Logger log = LoggerFactory.getLogger("export");

    private ProductionExport() {}

    /**
     * Writes the export into {@code out} (created when missing).
     *
     * @return every file written, the configurations first, then the served tree
     * @throws IllegalArgumentException a setting the export cannot resolve (which one to give is in the message)
     * @throws IOException              a file that cannot be read or written
     */
    public static List<Path> write(Settings settings, Workspace workspace, Path out) throws IOException {
        ExportPlan plan = ExportPlan.of(settings, workspace, out);
        return write(plan);
    }

    public static List<Path> write(ExportPlan plan) throws IOException {
        Files.createDirectories(plan.out());
        Files.createDirectories(plan.out().resolve("logs"));
        Files.createDirectories(plan.out().resolve("tmp"));
        List<Path> written = new ArrayList<>();
        if (plan.mode() != dev.bootbench.engine.DhcpMode.OFF) put(plan, DnsmasqConf.FILE, DnsmasqConf.text(plan), written);
        if (KeaConf.applies(plan)) put(plan, KeaConf.FILE, KeaConf.text(plan), written);
        put(plan, TftpdHpaDefaults.FILE, TftpdHpaDefaults.text(plan), written);
        put(plan, NginxConf.FILE, NginxConf.text(plan), written);
        put(plan, ExportReadme.FILE, ExportReadme.text(plan), written);
        written.addAll(ServedTree.write(plan));
        log.info("exported to {}: {} files", plan.out(), written.size());
        return written;
    }

    private static void put(ExportPlan plan, String name, String text, List<Path> written) throws IOException {
        Path p = plan.out().resolve(name);
        AtomicFiles.write(p, text.getBytes(StandardCharsets.UTF_8));
        written.add(p);
    }
}
