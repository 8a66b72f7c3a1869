package dev.bootbench.engine.http;

import java.io.IOException;

/**
 * Makes the iPXE script a client gets from {@code /boot.ipxe}. Until the menu engine lands this is
 * {@link TemplateBootScriptProvider}; the menu engine replaces it with its own implementation.
 * Called on an HTTP thread for every request: keep it quick (no network access).
 */
@FunctionalInterface
public interface BootScriptProvider {
    /** The script text (starting with {@code #!ipxe}). An IOException is answered with 500 and logged. */
    String script(BootScriptRequest request) throws IOException;
}
