package dev.bootbench.publish;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuValidator;
import dev.bootbench.menu.ipxe.IpxeGenerator;
import dev.bootbench.menu.pxelinux.PxelinuxGenerator;
import dev.bootbench.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Makes a menu what the running servers hand out, without a restart: the boot core's configuration gets the menu
 * ({@code /boot.ipxe} answers with it from the next request, see {@link dev.bootbench.engine.boot.BootCore}), and the
 * pxelinux configs are written atomically under the served root ({@code pxelinux.cfg/default} and one file per
 * submenu), where TFTP reads them for the next client.
 */
public final class MenuPublisher {
    /** What was published: the script as a client without overrides gets it, the files written, and notes. */
    public record Result(String script, Map<Path, String> pxelinuxFiles, List<Finding> notes) {}

    private final BiConsumer<Menu, String> install;

    /** @param install receives the menu and its name once its files are written, e.g. {@code EngineSetup::publish} */
    public MenuPublisher(BiConsumer<Menu, String> install) {
        this.install = install;
    }

    /**
     * Publishes the menu. A menu with model errors (duplicate or malformed ids, defaults naming nothing) is refused
     * with an IOException listing them, and nothing changes.
     *
     * @param root the served root; null: only the iPXE script is published
     */
    public Result publish(Menu menu, String name, Path root) throws IOException {
        List<Finding> errors = MenuValidator.validate(menu, "menu").stream().filter(Finding::isError).toList();
        if (!errors.isEmpty())
            throw new IOException("the menu has errors: " + errors.stream().map(Finding::message).collect(Collectors.joining("; ")));
        String script = IpxeGenerator.generate(menu);
        PxelinuxGenerator.Output px = PxelinuxGenerator.generate(menu, PxelinuxGenerator.Options.defaults());
        Map<Path, String> written = new LinkedHashMap<>();
        if (root != null) {
            Map<Path, byte[]> files = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : px.files().entrySet())
                files.put(pxelinuxFile(root, e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
            // submenus first, so the main file never names a file that is not there yet
            List<Path> order = new ArrayList<>(files.keySet());
            java.util.Collections.reverse(order);
            for (Path p : order) {
                AtomicFiles.write(p, files.get(p));
                written.put(p, new String(files.get(p), StandardCharsets.UTF_8));
            }
        }
        install.accept(menu, name);
        return new Result(script, written, px.findings());
    }

    /** Where a generated pxelinux file goes: "default" is {@code pxelinux.cfg/default}, others by their path. */
    static Path pxelinuxFile(Path root, String name) throws IOException {
        String rel = name.equals("default") ? "pxelinux.cfg/default" : name;
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root.normalize())) throw new IOException("pxelinux file " + name + " would be outside the served root");
        return p;
    }
}
