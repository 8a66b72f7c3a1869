package dev.bootbench.engine.http;

import dev.bootbench.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot script from a template file in the workspace ({@code templates/boot.ipxe}), written with
 * a sensible default the first time it is needed and read again on every request, so edits apply to
 * the next client at once. Bootbench's placeholders are filled in per client:
 * <ul>
 *   <li>{@code {{server}}}: our address as the client reached it;</li>
 *   <li>{@code {{http-port}}}: our HTTP port;</li>
 *   <li>{@code {{base-url}}}: {@code http://server[:port]};</li>
 *   <li>{@code {{mac}}}: the client's MAC ({@code 52:54:00:12:34:56}), or iPXE's own
 *       {@code ${netX/mac}} when we do not know it;</li>
 *   <li>{@code {{client}}}: the client's IP address.</li>
 * </ul>
 * iPXE's own {@code ${...}} settings are left alone for iPXE to expand, and so is any other
 * {@code {{...}}}.
 */
public final class TemplateBootScriptProvider implements BootScriptProvider {
    private static final Logger log = LoggerFactory.getLogger("http");

    public static final String DEFAULT_TEMPLATE = """
            #!ipxe
            # Bootbench's default boot script, written on first use: edit it freely
            # (templates/boot.ipxe in the workspace); the next client gets the new version.
            # For each client Bootbench fills in its placeholders (server, http-port, base-url,
            # mac and client, each in double braces); iPXE's own ${...} are left for iPXE.
            # The entries below boot files of the served folder: put a kernel there as
            # 'vmlinuz' and its initramfs as 'initrd.img', or edit the names.

            set bb-base {{base-url}}
            set bb-mac {{mac}}

            :menu
            menu Bootbench: ${bb-mac} (${platform} ${buildarch})
            item --gap Network boot
            item linux      Linux: vmlinuz + initrd.img from the served folder
            item --gap Other
            item shell      iPXE shell
            item local      Leave: boot the next device (local disk)
            choose --default linux --timeout 10000 target || goto local
            goto ${target}

            :linux
            kernel ${bb-base}/vmlinuz initrd=initrd.img || goto failed
            initrd ${bb-base}/initrd.img || goto failed
            # tell Bootbench the client is about to boot (shows as BOOTING in the monitor)
            imgfetch --name bb-beacon ${bb-base}/_/event?mac=${bb-mac}&stage=booting && imgfree bb-beacon || echo (no beacon)
            boot || goto failed

            :shell
            echo Type 'exit' to come back to the menu
            shell
            goto menu

            :local
            exit

            :failed
            imgfetch --name bb-beacon ${bb-base}/_/event?mac=${bb-mac}&stage=failed && imgfree bb-beacon || echo (no beacon)
            echo Boot failed. Back to the menu in 10 seconds.
            sleep 10
            goto menu
            """;

    private final Path template;

    /** @param template the template file, e.g. {@code workspace.file("templates/boot.ipxe")} */
    public TemplateBootScriptProvider(Path template) {
        this.template = template;
    }

    public Path template() {
        return template;
    }

    @Override
    public String script(BootScriptRequest r) throws IOException {
        return read(template, r);
    }

    /** The template's script for one client; the template is written with the default the first time it is missing. */
    public static String read(Path template, BootScriptRequest r) throws IOException {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            AtomicFiles.write(template, DEFAULT_TEMPLATE.getBytes(StandardCharsets.UTF_8));
            log.info("wrote the default boot script template {}", template);
            text = DEFAULT_TEMPLATE;
        }
        return fill(text, r);
    }

    /** Substitutes Bootbench's placeholders; everything else is left as it is. */
    public static String fill(String text, BootScriptRequest r) {
        return text.replace("{{server}}", r.server().getHostAddress())
                .replace("{{http-port}}", Integer.toString(r.httpPort()))
                .replace("{{base-url}}", r.baseUrl())
                .replace("{{mac}}", r.mac() != null ? r.mac().toString() : "${netX/mac}")
                .replace("{{client}}", r.client().getHostAddress());
    }
}
