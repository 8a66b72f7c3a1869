package dev.bootbench.clients.archfixture;

import dev.bootbench.ui.Widgets;

/** Breaks CLIENTS_FROM_ENGINE_EVENTS: the sessions using the desktop app's code. */
public class ClientsFormatForTheView {
    public String rate(double bytesPerSecond) {
        return Widgets.rate(bytesPerSecond);
    }
}
