package dev.bootbench.ui.servers;

import dev.bootbench.engine.BootEngine.Service;
import dev.bootbench.engine.ServiceEvent;
import dev.bootbench.engine.ServiceEvent.State;
import dev.bootbench.engine.ServiceProblem;
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
    private final StringProperty detail = new SimpleStringProperty("");
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

    /** A state without a problem (stopped, starting, listening). */
    void set(State s, String d) {
        if (s.troubled()) throw new IllegalArgumentException(s + " needs a problem kind");
        set(s, d, ServiceProblem.NONE, false);
    }

    /** @param problem why it failed or retries ({@link ServiceProblem#NONE} otherwise); @param detailSaysWhatToDo no advice of our own then */
    void set(State s, String d, ServiceProblem problem, boolean detailSaysWhatToDo) {
        state.set(s);
        detail.set(d == null ? "" : d);
        advice.set(s.troubled() && !detailSaysWhatToDo ? adviceFor(problem) : "");
    }

    void set(ServiceEvent e) {
        set(e.state(), e.detail(), e.problem(), e.detailSaysWhatToDo());
    }

    /** What a technician can do about a failure of this kind, when the reason alone does not say it. */
    static String adviceFor(ServiceProblem problem) {
        if (problem == null) return "";
        return switch (problem) {
            case NO_PRIVILEGE -> "Ports below 1024 need privilege: on Linux start Bootbench with bootbench-privileged (it adds only "
                    + "CAP_NET_BIND_SERVICE and CAP_NET_RAW), or run it as root/administrator; TFTP and HTTP can also use ports above 1024.";
            case ADDRESS_IN_USE -> "Another program holds the port: stop it (e.g. dnsmasq, a TFTP daemon or a web server) or choose another port.";
            case NO_SUCH_INTERFACE -> "Plug in the bench adapter or choose another interface above.";
            case INTERFACE_DOWN -> "Connect the cable or bring the interface up; DHCP starts by itself when it is back.";
            case NONE, NO_ADDRESS, SETTINGS, OTHER -> "";
        };
    }
}
