package dev.bootbench.ui.servers;

import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.engine.ServiceEvent.State;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One service as the Servers view shows it: its state, where it listens or why it failed, and what to do. */
public final class ServiceStatus {
    private final Service service;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.STOPPED);
    private final StringProperty detail = new SimpleStringProperty("stopped");
    private final StringProperty advice = new SimpleStringProperty("");
    /** The engine runs it (the toggle's position). */
    private final BooleanProperty running = new SimpleBooleanProperty();
    /** A start or stop is under way. */
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public ServiceStatus(Service service) {
        this.service = service;
    }

    public Service service() {
        return service;
    }

    public String label() {
        return switch (service) {
            case DHCP -> "DHCP";
            case TFTP -> "TFTP";
            case HTTP -> "HTTP";
        };
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public State getState() {
        return state.get();
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public StringProperty adviceProperty() {
        return advice;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    void set(State s, String d) {
        state.set(s);
        detail.set(d == null ? "" : d);
        advice.set(s == State.FAILED || s == State.RETRYING ? adviceFor(d) : "");
    }

    /** What a technician can do about a failure, when the reason alone does not say it. */
    static String adviceFor(String reason) {
        if (reason == null) return "";
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("permission") || r.contains("privilege") || r.contains("not permitted") || r.contains("access denied")) {
            if (r.contains("setcap") || r.contains("sudo") || r.contains("grant")) return "";
            return "Ports below 1024 need privilege: on Linux start Bootbench with bootbench-privileged (it adds only "
                    + "CAP_NET_BIND_SERVICE and CAP_NET_RAW), or run it as root/administrator; TFTP and HTTP can also use ports above 1024.";
        }
        if (r.contains("in use") || r.contains("failed to bind") || r.contains("cannot listen") || r.contains("bind")) {
            if (r.contains("stop") || r.contains("held by")) return "";
            return "Another program holds the port: stop it (e.g. dnsmasq, a TFTP daemon or a web server) or choose another port.";
        }
        if (r.contains("not found") && r.contains("interface")) return "Plug in the bench adapter or choose another interface above.";
        if (r.contains("is down")) return "Connect the cable or bring the interface up; DHCP starts by itself when it is back.";
        return "";
    }
}
