package dev.bootbench.engine.files;

import dev.bootbench.engine.net.MacAddress;
import java.io.IOException;

/**
 * Files the servers make for each client instead of reading them from the served root, such as GRUB's
 * {@code grub/grub.cfg} from the published menu. Asked only for a name the root does not have: a file of the user's
 * always wins. Called on a transfer's thread for every such request: keep it quick (no network access).
 */
@FunctionalInterface
public interface GeneratedFiles {
    /**
     * The file made for this client, or null when this name is not one of ours (the client gets "not found").
     *
     * @param name the name asked for, root-relative and {@code /}-separated, no leading slash (as
     *             {@link PathResolver.NotFound#name()})
     * @param mac  the client's MAC (from its lease), or null when it is not known
     * @throws IOException answered like a file that cannot be read, and logged
     */
    Generated generate(String name, MacAddress mac) throws IOException;

    /**
     * A file made for one client.
     *
     * @param content the bytes to send (not changed afterwards by either side)
     * @param sent    run once the client has received the whole file (a next boot given for once is then used up);
     *                not run when the transfer fails or the client only asked for the size
     * @param source  what it was made from, for the transfer's detail and the log, e.g. {@code the published menu 'lab'}
     */
    record Generated(byte[] content, Runnable sent, String source) {
        public Generated {
            java.util.Objects.requireNonNull(content, "content");
            if (sent == null) sent = () -> {};
        }
    }

    GeneratedFiles NONE = (name, mac) -> null;
}
