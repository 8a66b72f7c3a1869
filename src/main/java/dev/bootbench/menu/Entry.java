package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A selectable menu entry.
 *
 * @param id        label of the entry: the iPXE item name and script label, the pxelinux LABEL
 * @param label     text shown in the menu
 * @param hotkey    optional shortcut key (iPXE {@code item --key}, pxelinux {@code ^} marker)
 * @param platforms platforms it is offered on; empty means all
 * @param arches    architectures it is offered on; empty means all
 * @param fallback  entry id to go to when booting fails; null means the menu's fallback
 * @param action    what the entry boots
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entry(String id, String label, String hotkey, List<Platform> platforms, List<Arch> arches, String fallback,
        BootAction action) implements MenuItem {
    public Entry {
        Objects.requireNonNull(id, "entry id");
        if (label == null) label = id;
        platforms = platforms == null ? List.of() : platforms.stream().distinct().sorted().toList();
        arches = arches == null ? List.of() : arches.stream().distinct().sorted().toList();
        if (platforms.size() == Platform.values().length) platforms = List.of();
        if (arches.size() == Arch.values().length) arches = List.of();
        if (hotkey != null && hotkey.isEmpty()) hotkey = null;
        if (action == null) action = new BootAction.Custom("", "");
    }

    public Entry(String id, String label, BootAction action) {
        this(id, label, null, List.of(), List.of(), null, action);
    }

    public boolean offeredOn(Platform p, Arch a) {
        return (platforms.isEmpty() || platforms.contains(p)) && (arches.isEmpty() || arches.contains(a));
    }

    public Entry withPlatforms(List<Platform> p) {
        return new Entry(id, label, hotkey, p, arches, fallback, action);
    }

    public Entry withArches(List<Arch> a) {
        return new Entry(id, label, hotkey, platforms, a, fallback, action);
    }

    public Entry withAction(BootAction a) {
        return new Entry(id, label, hotkey, platforms, arches, fallback, a);
    }

    public Entry withHotkey(String k) {
        return new Entry(id, label, k, platforms, arches, fallback, action);
    }

    public Entry withFallback(String f) {
        return new Entry(id, label, hotkey, platforms, arches, f, action);
    }
}
