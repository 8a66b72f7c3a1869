package dev.bootbench.ui.clients;

import dev.bootbench.engine.net.MacAddress;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One client in the list: what it is, how far its boot got, what it is loading now. */
public final class ClientRow {
    /** The MAC, or null when only the address is known (a transfer from a client DHCP did not see). */
    final MacAddress mac;
    final String key;
    private final StringProperty vendor = new SimpleStringProperty("");
    private final StringProperty firmware = new SimpleStringProperty("");
    /** The iPXE build's version (the table's column: short, never cut), "iPXE" when it sent none, empty for no iPXE. */
    private final StringProperty ipxe = new SimpleStringProperty("");
    /** What that build says it can do (option 175), space-separated: shown with the selected client, too long for a column. */
    private final StringProperty ipxeFeatures = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final ObjectProperty<StageState> stage = new SimpleObjectProperty<>(StageState.START);
    /** Why the boot failed last (file and error), while the boot has failures; else empty. */
    private final StringProperty failure = new SimpleStringProperty("");
    /**
     * Empty for a machine that did DHCP with us; else why the row may not be a booting machine ("this computer": a
     * browser or curl beside Bootbench; "no DHCP seen"). Such rows go with "Clear inactive" as soon as they are idle.
     */
    private final StringProperty unverified = new SimpleStringProperty("");
    /** The same as a kind to decide on; {@link Unverified#NO} for a machine that did DHCP with us. */
    private final ObjectProperty<Unverified> unverifiedKind = new SimpleObjectProperty<>(Unverified.NO);

    /** Why a row may not be a booting machine; {@link #text()} is what {@link #unverifiedProperty()} shows. */
    public enum Unverified {
        /** It did DHCP with us. */
        NO(""),
        /** Requests from an address of this computer (a browser or curl beside Bootbench). */
        THIS_COMPUTER("this computer"),
        /** Requests from elsewhere, but no DHCP from it. */
        NO_DHCP_SEEN("no DHCP seen");

        private final String text;

        Unverified(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
    /** Advice on what went wrong that the stage cannot say (e.g. Secure Boot refusing ipxe.efi), else empty. */
    private final StringProperty advice = new SimpleStringProperty("");
    /** What the boot went through, e.g. {@code shim → GRUB → kernel → initrd → booting}; empty before any. */
    private final StringProperty path = new SimpleStringProperty("");
    /** Wall clock millis since which the row's UEFI client has been silent after loading iPXE, else 0 (see {@link dev.bootbench.clients.BootSession#hint(java.time.Instant)}). */
    long ipxeUnheardSinceMillis;
    /** The advice its session gave, before silence is taken into account. */
    String sessionHint;
    private final StringProperty file = new SimpleStringProperty("");
    /** 0..1, -1 for indeterminate, and 0 with no file. */
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final DoubleProperty rate = new SimpleDoubleProperty();
    private final StringProperty elapsed = new SimpleStringProperty("");
    private final BooleanProperty stale = new SimpleBooleanProperty();
    /** The pending next boot as shown: empty for the menu, else e.g. {@code local disk (once)}. */
    private final StringProperty nextBoot = new SimpleStringProperty("");
    private final ObservableList<TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ObservableList<TransferRow> transfers = FXCollections.observableArrayList();
    /** Start of the current boot (its first DHCP message), wall clock millis. */
    long bootStartMillis;
    /** When the boot finished (booting or failed), else 0. */
    long bootEndMillis;
    long lastSeenMillis;
    long bytesSinceSample;
    /** The boot session shown, 0 before any. */
    long sessionId;
    /** How many of the session's timeline entries the row has. */
    int timelineCount;
    /** Whether any boot of this client did DHCP with us (else it may be a browser or curl, see {@link #unverifiedProperty()}). */
    boolean dhcpSeen;
    /** The iPXE info last shown (sessions hand the same object until it changes). */
    dev.bootbench.engine.dhcp.IpxeInfo ipxeShown;

    ClientRow(String key, MacAddress mac, long now) {
        this.key = key;
        this.mac = mac;
        this.bootStartMillis = now;
        this.lastSeenMillis = now;
    }

    /** The MAC as text, or "?" for a client known only by its address. */
    public String mac() { return mac != null ? mac.toString() : "?"; }
    public MacAddress macAddress() { return mac; }
    public StringProperty vendorProperty() { return vendor; }
    public StringProperty firmwareProperty() { return firmware; }
    public StringProperty ipxeProperty() { return ipxe; }
    public StringProperty ipxeFeaturesProperty() { return ipxeFeatures; }
    public StringProperty addressProperty() { return address; }
    ObjectProperty<StageState> stageProperty() { return stage; }
    public dev.bootbench.clients.Stage getStage() { return stage.get().stage(); }
    /** Failures in a row of this client's boot (0 once a boot gets through). */
    public int failures() { return stage.get().failures(); }
    public StringProperty failureProperty() { return failure; }
    public StringProperty unverifiedProperty() { return unverified; }
    public ObjectProperty<Unverified> unverifiedKindProperty() { return unverifiedKind; }
    public Unverified getUnverified() { return unverifiedKind.get(); }
    public StringProperty adviceProperty() { return advice; }
    public StringProperty pathProperty() { return path; }
    public StringProperty fileProperty() { return file; }
    public DoubleProperty progressProperty() { return progress; }
    public DoubleProperty rateProperty() { return rate; }
    public StringProperty elapsedProperty() { return elapsed; }
    public BooleanProperty staleProperty() { return stale; }
    public StringProperty nextBootProperty() { return nextBoot; }
    public ObservableList<TimelineEntry> timeline() { return timeline; }
    public ObservableList<TransferRow> transfers() { return transfers; }
    public long lastSeenMillis() { return lastSeenMillis; }
}
