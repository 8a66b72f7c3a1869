package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A boot menu, stored as JSON (see {@link MenuJson}).
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param id             label of the menu in iPXE scripts (root menu: "main" when null); for a submenu, the owning entry's id
 * @param title          menu title
 * @param defaultEntry   id of the highlighted entry, chosen when the timeout expires
 * @param timeoutMs      timeout in milliseconds; null or 0 waits forever
 * @param colours        iPXE colours, may be null
 * @param baseUrl        value of {@code ${base-url}} for local files; null: {@link FileRefs#DEFAULT_BASE_URL}
 * @param fallback       entry id to go to when an entry fails; null: show a message and return to this menu
 * @param onCancel       entry id to go to when the user presses Esc; null: exit (root) or back to the parent menu
 * @param choiceVariable iPXE setting the choice is stored in; null: "target"
 * @param items          gaps and entries, in order
 * @param ipxePreamble   iPXE lines run before the menu (verbatim)
 * @param ipxeMenuSetup  iPXE lines run each time before the menu is drawn (verbatim)
 * @param ipxeAfterChoose iPXE lines run after a choice, before jumping to the entry (verbatim)
 * @param ipxeTimeout    the iPXE timeout as written when it is not a number (e.g. {@code ${menu-timeout}}); overrides timeoutMs
 * @param ipxeSections   further labelled iPXE sections kept verbatim
 * @param pxelinuxUi     pxelinux menu module: menu.c32 (null), vesamenu.c32, or "none" for the plain boot: prompt
 * @param pxelinuxGlobals pxelinux global lines written verbatim (SAY, F1..F12, KBDMAP, MENU COLOR, ...)
 * @param grubGlobals    GRUB script lines written verbatim before the entries (theme, gfxmode, loadfont, functions, ...)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Menu(int schemaVersion, String id, String title, String defaultEntry, Integer timeoutMs, Colours colours,
        String baseUrl, String fallback, String onCancel, String choiceVariable, List<MenuItem> items,
        String ipxePreamble, String ipxeMenuSetup, String ipxeAfterChoose, String ipxeTimeout, List<Section> ipxeSections, String pxelinuxUi,
        String pxelinuxGlobals, String grubGlobals) {
    public static final int SCHEMA_VERSION = 1;

    public Menu {
        if (schemaVersion == 0) schemaVersion = SCHEMA_VERSION;
        if (title != null && title.isBlank()) title = null;
        items = items == null ? List.of() : List.copyOf(items);
        ipxeSections = ipxeSections == null ? List.of() : List.copyOf(ipxeSections);
        if (colours != null && colours.isEmpty()) colours = null;
        if (timeoutMs != null && timeoutMs <= 0) timeoutMs = null;
        if (ipxePreamble != null && ipxePreamble.isEmpty()) ipxePreamble = null;
        if (ipxeMenuSetup != null && ipxeMenuSetup.isEmpty()) ipxeMenuSetup = null;
        if (ipxeAfterChoose != null && ipxeAfterChoose.isEmpty()) ipxeAfterChoose = null;
        if (ipxeTimeout != null && ipxeTimeout.isBlank()) ipxeTimeout = null;
        if (pxelinuxGlobals != null && pxelinuxGlobals.isEmpty()) pxelinuxGlobals = null;
        if (grubGlobals != null && grubGlobals.isEmpty()) grubGlobals = null;
    }

    public static Builder builder(String title) {
        return new Builder().title(title);
    }

    public String idOrDefault() {
        return id != null ? id : "main";
    }

    public String choiceVariableOrDefault() {
        return choiceVariable != null ? choiceVariable : "target";
    }

    public List<Entry> entries() {
        return items.stream().filter(Entry.class::isInstance).map(Entry.class::cast).toList();
    }

    public Optional<Entry> entry(String entryId) {
        return entries().stream().filter(e -> e.id().equals(entryId)).findFirst();
    }

    /** This menu's entries and those of all nested submenus, depth first. */
    public Stream<Entry> allEntries() {
        return entries().stream().flatMap(e -> e.action() instanceof BootAction.Submenu s
                ? Stream.concat(Stream.of(e), s.menu().allEntries()) : Stream.of(e));
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.schemaVersion = schemaVersion; b.id = id; b.title = title; b.defaultEntry = defaultEntry; b.timeoutMs = timeoutMs;
        b.colours = colours; b.baseUrl = baseUrl; b.fallback = fallback; b.onCancel = onCancel; b.choiceVariable = choiceVariable;
        b.items.addAll(items); b.ipxePreamble = ipxePreamble; b.ipxeMenuSetup = ipxeMenuSetup; b.ipxeAfterChoose = ipxeAfterChoose;
        b.ipxeTimeout = ipxeTimeout; b.ipxeSections.addAll(ipxeSections);
        b.pxelinuxUi = pxelinuxUi; b.pxelinuxGlobals = pxelinuxGlobals; b.grubGlobals = grubGlobals;
        return b;
    }

    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private String id, title, defaultEntry, baseUrl, fallback, onCancel, choiceVariable, ipxePreamble, ipxeMenuSetup, ipxeAfterChoose, ipxeTimeout, pxelinuxUi,
                pxelinuxGlobals, grubGlobals;
        private Integer timeoutMs;
        private Colours colours;
        private final List<MenuItem> items = new ArrayList<>();
        private final List<Section> ipxeSections = new ArrayList<>();

        public Builder id(String v) { id = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder defaultEntry(String v) { defaultEntry = v; return this; }
        public Builder timeoutMs(Integer v) { timeoutMs = v; return this; }
        public Builder colours(Colours v) { colours = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder fallback(String v) { fallback = v; return this; }
        public Builder onCancel(String v) { onCancel = v; return this; }
        public Builder choiceVariable(String v) { choiceVariable = v; return this; }
        public Builder ipxePreamble(String v) { ipxePreamble = v; return this; }
        public Builder ipxeMenuSetup(String v) { ipxeMenuSetup = v; return this; }
        public Builder ipxeAfterChoose(String v) { ipxeAfterChoose = v; return this; }
        public Builder ipxeTimeout(String v) { ipxeTimeout = v; return this; }
        public Builder pxelinuxUi(String v) { pxelinuxUi = v; return this; }
        public Builder pxelinuxGlobals(String v) { pxelinuxGlobals = v; return this; }
        public Builder grubGlobals(String v) { grubGlobals = v; return this; }
        public Builder section(Section s) { ipxeSections.add(s); return this; }
        public Builder item(MenuItem i) { items.add(i); return this; }
        public Builder items(List<? extends MenuItem> i) { items.clear(); items.addAll(i); return this; }
        public Builder gap(String text) { return item(new Gap(text)); }
        public Builder entry(String id, String label, BootAction a) { return item(new Entry(id, label, a)); }

        public Menu build() {
            return new Menu(schemaVersion, id, title, defaultEntry, timeoutMs, colours, baseUrl, fallback, onCancel, choiceVariable,
                    items, ipxePreamble, ipxeMenuSetup, ipxeAfterChoose, ipxeTimeout, ipxeSections, pxelinuxUi, pxelinuxGlobals, grubGlobals);
        }
    }
}
