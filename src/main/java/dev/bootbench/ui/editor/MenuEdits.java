package dev.bootbench.ui.editor;

import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Edits of an immutable {@link Menu} addressed by item paths: a path is the list of item indexes from the root menu
 * down through submenu entries ({@code [2]}: the third item; {@code [2, 0]}: the first item of the submenu that is
 * the third item). The empty path is the root menu itself. Every edit returns a new menu.
 */
public final class MenuEdits {
    private MenuEdits() {}

    public static MenuItem item(Menu m, List<Integer> path) {
        if (path.isEmpty()) throw new IllegalArgumentException("the empty path is the menu, not an item");
        Menu parent = menuAt(m, path.subList(0, path.size() - 1));
        return parent.items().get(path.get(path.size() - 1));
    }

    /** The menu at a path: the root for [], else the submenu of the entry at the path. */
    public static Menu menuAt(Menu m, List<Integer> path) {
        Menu cur = m;
        for (int i : path) {
            if (!(cur.items().get(i) instanceof Entry e) || !(e.action() instanceof BootAction.Submenu s))
                throw new IllegalArgumentException("path " + path + " does not lead to a submenu");
            cur = s.menu();
        }
        return cur;
    }

    public static boolean isMenu(Menu m, List<Integer> path) {
        if (path.isEmpty()) return true;
        try {
            return item(m, path) instanceof Entry e && e.action() instanceof BootAction.Submenu;
        } catch (RuntimeException ex) {
            return false;
        }
    }

    public static boolean exists(Menu m, List<Integer> path) {
        if (path == null) return false;
        if (path.isEmpty()) return true;
        try {
            item(m, path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Replaces the menu at a path (root or a submenu), keeping the owning entry. */
    public static Menu withMenuAt(Menu m, List<Integer> path, Menu replacement) {
        if (path.isEmpty()) return replacement;
        Entry owner = (Entry) item(m, path);
        return replace(m, path, owner.withAction(new BootAction.Submenu(replacement)));
    }

    private static Menu withItems(Menu menu, List<MenuItem> items) {
        return menu.toBuilder().items(items).build();
    }

    public static Menu replace(Menu m, List<Integer> path, MenuItem replacement) {
        List<Integer> parentPath = path.subList(0, path.size() - 1);
        Menu parent = menuAt(m, parentPath);
        List<MenuItem> items = new ArrayList<>(parent.items());
        items.set(path.get(path.size() - 1), replacement);
        return withMenuAt(m, parentPath, withItems(parent, items));
    }

    public static Menu remove(Menu m, List<Integer> path) {
        List<Integer> parentPath = path.subList(0, path.size() - 1);
        Menu parent = menuAt(m, parentPath);
        List<MenuItem> items = new ArrayList<>(parent.items());
        MenuItem gone = items.remove((int) path.get(path.size() - 1));
        Menu.Builder b = parent.toBuilder().items(items);
        if (gone instanceof Entry e && e.id().equals(parent.defaultEntry())) b.defaultEntry(null);
        return withMenuAt(m, parentPath, b.build());
    }

    /** Inserts an item into the menu at {@code parentPath} at {@code index} (clamped). */
    public static Menu insert(Menu m, List<Integer> parentPath, int index, MenuItem item) {
        Menu parent = menuAt(m, parentPath);
        List<MenuItem> items = new ArrayList<>(parent.items());
        items.add(Math.max(0, Math.min(index, items.size())), item);
        return withMenuAt(m, parentPath, withItems(parent, items));
    }

    /**
     * Moves the item at {@code from} so that it ends up at {@code index} of the menu at {@code toParent} (an index
     * in that menu as it is before the move). Moving a submenu into itself is refused.
     *
     * @return the new menu and the item's new path
     */
    public static Moved move(Menu m, List<Integer> from, List<Integer> toParent, int index) {
        if (toParent.size() >= from.size() && toParent.subList(0, from.size()).equals(from))
            throw new IllegalArgumentException("a submenu cannot move into itself");
        MenuItem it = item(m, from);
        List<Integer> fromParent = from.subList(0, from.size() - 1);
        int fromIndex = from.get(from.size() - 1);
        List<Integer> target = new ArrayList<>(toParent);
        int idx = index;
        if (fromParent.equals(toParent) && fromIndex < index) idx--;
        // removing the item shifts the target parent's path when it lies after the item in the same menu
        if (target.size() > fromParent.size() && target.subList(0, fromParent.size()).equals(fromParent) && target.get(fromParent.size()) > fromIndex)
            target.set(fromParent.size(), target.get(fromParent.size()) - 1);
        Menu base = m;
        if (!fromParent.equals(toParent) && it instanceof Entry e) {
            // a default moved to another menu is no longer its old menu's default
            Menu src = menuAt(m, fromParent);
            if (e.id().equals(src.defaultEntry())) base = withMenuAt(m, fromParent, src.toBuilder().defaultEntry(null).build());
        }
        Menu removed = removeKeepingDefault(base, from);
        Menu parent = menuAt(removed, target);
        idx = Math.max(0, Math.min(idx, parent.items().size()));
        Menu out = insert(removed, target, idx, it);
        List<Integer> path = new ArrayList<>(target);
        path.add(idx);
        return new Moved(out, List.copyOf(path));
    }

    private static Menu removeKeepingDefault(Menu m, List<Integer> path) {
        List<Integer> parentPath = path.subList(0, path.size() - 1);
        Menu parent = menuAt(m, parentPath);
        List<MenuItem> items = new ArrayList<>(parent.items());
        items.remove((int) path.get(path.size() - 1));
        return withMenuAt(m, parentPath, withItems(parent, items));
    }

    public record Moved(Menu menu, List<Integer> path) {}

    /** Every entry id and label in use (entry ids share one iPXE script across submenus). */
    public static Set<String> usedIds(Menu m) {
        Set<String> ids = new HashSet<>();
        ids.add(m.idOrDefault());
        m.allEntries().forEach(e -> ids.add(e.id()));
        m.ipxeSections().forEach(s -> ids.add(s.label()));
        return ids;
    }

    /** An entry id from {@code base} (reduced to id characters) that no entry uses yet. */
    public static String freeId(Menu m, String base) {
        String b = base == null ? "" : base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.\\-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (b.isEmpty()) b = "entry";
        Set<String> used = usedIds(m);
        if (!used.contains(b) && !b.endsWith("_failed")) return b;
        for (int i = 2; ; i++) if (!used.contains(b + "-" + i)) return b + "-" + i;
    }

    /** Renames an entry's id everywhere the menus refer to it (defaults, fallbacks, cancel targets). */
    public static Menu renameReferences(Menu m, String oldId, String newId) {
        if (oldId.equals(newId)) return m;
        Menu.Builder b = m.toBuilder();
        if (oldId.equals(m.defaultEntry())) b.defaultEntry(newId);
        if (oldId.equals(m.fallback())) b.fallback(newId);
        if (oldId.equals(m.onCancel())) b.onCancel(newId);
        List<MenuItem> items = new ArrayList<>();
        for (MenuItem it : m.items()) {
            if (it instanceof Entry e) {
                Entry x = oldId.equals(e.fallback()) ? e.withFallback(newId) : e;
                if (x.action() instanceof BootAction.Submenu s) x = x.withAction(new BootAction.Submenu(renameReferences(s.menu(), oldId, newId)));
                items.add(x);
            } else items.add(it);
        }
        return b.items(items).build();
    }

    /** The path of the entry with this id, or null. */
    public static List<Integer> pathOf(Menu m, String id) {
        List<MenuItem> items = m.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Entry e) {
                if (e.id().equals(id)) return List.of(i);
                if (e.action() instanceof BootAction.Submenu s) {
                    List<Integer> sub = pathOf(s.menu(), id);
                    if (sub != null) {
                        List<Integer> p = new ArrayList<>();
                        p.add(i);
                        p.addAll(sub);
                        return List.copyOf(p);
                    }
                }
            }
        }
        return null;
    }
}
