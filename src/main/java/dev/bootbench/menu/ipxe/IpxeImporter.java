package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.BootAction;
import dev.bootbench.menu.Colours;
import dev.bootbench.menu.Entry;
import dev.bootbench.menu.FileRefs;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Gap;
import dev.bootbench.menu.Menu;
import dev.bootbench.menu.MenuItem;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Section;
import dev.bootbench.menu.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps an iPXE script onto a {@link Menu}. The first menu drawn with {@code choose VAR} and dispatched with
 * {@code goto ${VAR}} becomes the menu; each item's section becomes an entry, typed when regenerating that type gives
 * the same commands, otherwise kept verbatim as a custom block. Everything else is kept verbatim (preamble, further
 * sections), with explicit {@code goto}s where the script fell through from one section into the next, so that
 * generating the imported menu keeps the script's meaning. What the generator writes on its own is recognised and
 * left to it: the beacon lines, a served script's {@code set bb-event} line, the menus' failure sections, and a
 * menu's timeout setting ({@code set main-timeout N} at the start, {@code choose --timeout ${main-timeout}}, reset in
 * its failure section) which becomes the menu's timeout again, unless something else in the script changes it. A section
 * without beacons (hand-written, or from before Bootbench wrote them) still imports as its typed entry, which then
 * generates with them.
 */
public final class IpxeImporter {
    private IpxeImporter() {}

    public record Result(Menu menu, List<Finding> notes) {}

    public static Menu importText(String file, String text) {
        return importScript(IpxeParser.parse(file, text)).menu();
    }

    /** A label and the lines up to the next label; the top block has a null label. */
    private record Block(String label, List<IpxeLine> lines, int order) {
        List<IpxeLine> code() {
            return lines.stream().filter(l -> !l.isBlank() && !l.isLabel()).toList();
        }
    }

    private record ItemShape(String id, String label, String key, List<Platform> platforms, List<Arch> arches) {}

    /**
     * The menus' timeout settings as the generator writes them: candidates from the top of the script
     * ({@code set LABEL-timeout N}), the labels whose setting something else changes, and the labels taken as the menu's timeout.
     */
    private record Timeouts(Map<String, Integer> values, Map<String, IpxeLine> lines, Set<String> tampered, Set<String> taken) {
        Integer take(String label, String timeoutText) {
            if (timeoutText == null || !timeoutText.equals("${" + IpxeGenerator.timeoutVar(label) + "}") || !values.containsKey(label)
                    || tampered.contains(label)) return null;
            taken.add(label);
            return values.get(label);
        }
    }

    private record MenuShape(List<IpxeLine> setup, String title, List<Object> items, String defaultEntry, Integer timeout,
            String timeoutText, String var, String cancelGoto, boolean cancelExit, List<IpxeLine> afterChoose) {}

    /** What the top block says besides its preamble ({@code rest}): the base URL, the colours, the menus' timeout settings. */
    private record Top(String baseUrl, Colours colours, List<IpxeLine> rest, Timeouts timeouts) {}

    /** The sections after the menu, and what building the menus from them collects. */
    private record Sections(Map<String, Block> byLabel, List<Block> after, Set<Block> claimed, Map<Block, String> next, List<Finding> notes,
            String file, Timeouts timeouts) {}

    public static Result importScript(IpxeScript script) {
        List<Finding> notes = new ArrayList<>();
        List<Block> blocks = blocks(script);
        Top top = top(blocks.get(0));
        int menuBlock = firstMenuBlock(blocks);
        MenuShape shape = menuBlock < 0 ? null : menuShape(blocks.get(menuBlock));
        if (shape == null) {
            if (menuBlock >= 0)
                notes.add(new Finding(script.file(), blocks.get(menuBlock).lines().get(0).line(), 1, Severity.INFO, "import-raw",
                        "menu not drawn with 'choose VAR' and dispatched with 'goto ${VAR}': script kept as a custom block"));
            return new Result(keptAsCustom(top, blocks), notes);
        }
        // preamble: the top block and all blocks before the menu
        List<IpxeLine> pre = new ArrayList<>(top.rest());
        Set<String> preLabels = new HashSet<>();
        for (Block b : blocks.subList(1, menuBlock)) {
            pre.addAll(b.lines());
            preLabels.add(b.label());
        }
        for (Object o : shape.items())
            if (o instanceof ItemShape it && preLabels.contains(it.id())) {
                notes.add(new Finding(script.file(), 1, 1, Severity.INFO, "import-raw", "item '" + it.id()
                        + "' jumps to a label before the menu: script kept as a custom block"));
                return new Result(keptAsCustom(top, blocks), notes);
            }
        List<Block> after = new ArrayList<>(blocks.subList(menuBlock + 1, blocks.size()));
        Map<String, Block> byLabel = new LinkedHashMap<>();
        for (Block b : after) byLabel.putIfAbsent(b.label(), b);
        Map<Block, String> next = nextLabels(blocks);
        Sections sections = new Sections(byLabel, after, new HashSet<>(), next, notes, script.file(), top.timeouts());
        String rootLabel = blocks.get(menuBlock).label();
        tampered(blocks, top.timeouts());
        Menu root = buildMenu(shape, rootLabel, null, Menu.builder(null).baseUrl(top.baseUrl()).colours(top.colours()), sections);
        // a timeout setting taken as its menu's timeout is the generator's to write
        for (String label : top.timeouts().taken()) pre.remove(top.timeouts().lines().get(label));
        Menu.Builder rb = root.toBuilder();
        if (!pre.isEmpty()) rb.ipxePreamble(text(pre));
        if (!rootLabel.equals("main")) rb.id(rootLabel);
        List<Section> unclaimed = unclaimedSections(sections);
        Map<String, String> generatedSections = sectionBodies(IpxeGenerator.generate(rb.build()));
        for (Section s : unclaimed) {
            String mine = s.label().endsWith("_failed") ? generatedSections.get(s.label()) : null;
            if (mine != null && sameFailureSection(s.body(), mine)) continue;
            rb.section(s);
        }
        return new Result(rb.build(), notes);
    }

    /** The script cut at its labels: the top block (null label), then each label with the lines up to the next. */
    private static List<Block> blocks(IpxeScript script) {
        List<Block> blocks = new ArrayList<>();
        List<IpxeLine> cur = new ArrayList<>();
        String curLabel = null;
        for (IpxeLine l : script.lines()) {
            if (l.isLabel()) {
                blocks.add(new Block(curLabel, cur, blocks.size()));
                cur = new ArrayList<>();
                curLabel = l.label();
            }
            cur.add(l);
        }
        blocks.add(new Block(curLabel, cur, blocks.size()));
        return menuAtTheTop(blocks, script);
    }

    /**
     * A script whose menu comes before any label ({@code menu}, {@code item}, {@code choose}, {@code goto ${target}}
     * at the top) is read as if a label stood before its {@code menu} line, so its items become entries too.
     */
    private static List<Block> menuAtTheTop(List<Block> blocks, IpxeScript script) {
        List<IpxeLine> top = blocks.get(0).lines();
        int at = -1;
        for (int i = 0; i < top.size() && at < 0; i++) {
            IpxeLine l = top.get(i);
            if (!l.isBlank() && l.first() != null && l.first().name().equals("menu")) at = i;
        }
        if (at < 0) return blocks;
        Set<String> labels = new HashSet<>();
        for (IpxeLine l : script.lines()) if (l.isLabel()) labels.add(l.label());
        String label = "main";
        for (int n = 2; labels.contains(label); n++) label = "main" + n;
        List<Block> out = new ArrayList<>();
        out.add(new Block(null, new ArrayList<>(top.subList(0, at)), 0));
        out.add(new Block(label, new ArrayList<>(top.subList(at, top.size())), 1));
        for (Block b : blocks.subList(1, blocks.size())) out.add(new Block(b.label(), b.lines(), out.size()));
        return out;
    }

    /** The top block: the lines the generator writes and the colours come out, the rest is preamble. */
    private static Top top(Block top) {
        String baseUrl = null;
        List<Colours.ColourDef> palette = new ArrayList<>();
        List<Colours.ColourPair> pairs = new ArrayList<>();
        List<IpxeLine> rest = new ArrayList<>();
        Timeouts timeouts = new Timeouts(new LinkedHashMap<>(), new LinkedHashMap<>(), new HashSet<>(), new HashSet<>());
        for (IpxeLine l : top.lines()) {
            String code = l.code();
            if (l.index() == 0 && l.text().startsWith("#!ipxe")) continue;
            if (l.text().trim().equals(IpxeGenerator.HEADER)) continue;
            // the beacon URL of the client the script was served to: whoever serves it again sets its own
            if (isSetOf(l) && l.first().args().get(0).text().equals(IpxeGenerator.EVENT_VAR)) continue;
            if (code.startsWith("isset ${" + FileRefs.BASE_URL_VAR + "} || set " + FileRefs.BASE_URL_VAR + " ") && l.commands().size() == 2) {
                baseUrl = l.commands().get(1).args().stream().skip(1).map(Word::text).collect(Collectors.joining(" "));
                if (baseUrl.equals(FileRefs.DEFAULT_BASE_URL)) baseUrl = null;
                continue;
            }
            if (code.equals(IpxeGenerator.ARCH_LINE_1) || code.equals(IpxeGenerator.ARCH_LINE_2)) continue;
            if (l.commands().size() == 1 && colourLine(l.first(), palette, pairs)) continue;
            if (isSetOf(l)) timeoutCandidate(l, timeouts);
            rest.add(l);
        }
        return new Top(baseUrl, palette.isEmpty() && pairs.isEmpty() ? null : new Colours(palette, pairs), rest, timeouts);
    }

    /** Whether the line is one {@code set NAME VALUE} and nothing else. */
    private static boolean isSetOf(IpxeLine l) {
        return l.commands().size() == 1 && l.first().name().equals("set") && l.first().args().size() == 2;
    }

    /** {@code set LABEL-timeout N} at the top: the first is a candidate for the menu's timeout, a second one changes it. */
    private static void timeoutCandidate(IpxeLine l, Timeouts timeouts) {
        String name = l.first().args().get(0).text(), value = l.first().args().get(1).text();
        if (!name.endsWith("-timeout") || !value.matches("[1-9][0-9]{0,8}")) return;
        String label = name.substring(0, name.length() - "-timeout".length());
        if (!timeouts.values().containsKey(label)) {
            timeouts.values().put(label, Integer.valueOf(value));
            timeouts.lines().put(label, l);
        } else {
            timeouts.tampered().add(label);
        }
    }

    private static boolean hasMenu(Block b) {
        return b.code().stream().anyMatch(l -> l.first() != null && l.first().name().equals("menu"));
    }

    /** The first labelled block with a {@code menu} line; -1 when there is none. */
    private static int firstMenuBlock(List<Block> blocks) {
        for (Block b : blocks) if (b.label() != null && hasMenu(b)) return b.order();
        return -1;
    }

    /** The whole script (but what the top block's standard lines say) as the preamble of an empty menu. */
    private static Menu keptAsCustom(Top top, List<Block> blocks) {
        List<IpxeLine> all = new ArrayList<>(top.rest());
        for (Block b : blocks.subList(1, blocks.size())) all.addAll(b.lines());
        return Menu.builder(null).baseUrl(top.baseUrl()).colours(top.colours()).ipxePreamble(text(all)).build();
    }

    /** The label after each block in the original order (null after the last), where a block falls through to. */
    private static Map<Block, String> nextLabels(List<Block> blocks) {
        Map<Block, String> next = new LinkedHashMap<>();
        for (int i = 0; i < blocks.size(); i++) next.put(blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1).label() : null);
        return next;
    }

    /** The sections after the menu that no entry took, each made self-contained. */
    private static List<Section> unclaimedSections(Sections sections) {
        List<Section> secs = new ArrayList<>();
        for (Block b : sections.after()) {
            if (sections.claimed().contains(b)) continue;
            secs.add(new Section(b.label(), bodyText(b.lines().subList(1, b.lines().size()), sections.next().get(b), null)));
        }
        return secs;
    }

    /**
     * Whether a failure section is the one the generator writes, as it writes it now or as it wrote it before the
     * beacon and the timeout reset (those lines may be missing; the generator then writes them).
     */
    private static boolean sameFailureSection(String body, String generated) {
        if (body.equals(generated)) return true;
        List<String> gen = List.of(generated.split("\n", -1)), b = List.of(body.split("\n", -1));
        int j = 0;
        for (String line : gen) {
            if (j < b.size() && b.get(j).equals(line)) j++;
            else if (!line.equals(IpxeGenerator.FAILED_BEACON) && !(line.startsWith("set ") && line.endsWith(" 0"))) return false;
        }
        return j == b.size();
    }

    /** The body of each labelled section of a script, as {@link #text} writes it. */
    private static Map<String, String> sectionBodies(String script) {
        Map<String, String> out = new LinkedHashMap<>();
        String label = null;
        List<IpxeLine> body = new ArrayList<>();
        for (IpxeLine l : IpxeParser.parse("-", script).lines()) {
            if (l.isLabel()) {
                if (label != null) out.putIfAbsent(label, text(body));
                label = l.label();
                body = new ArrayList<>();
            } else {
                body.add(l);
            }
        }
        if (label != null) out.putIfAbsent(label, text(body));
        return out;
    }

    /**
     * Marks the timeout settings that something other than the generator's lines changes: anything but the first
     * {@code set LABEL-timeout N} at the top and a {@code set LABEL-timeout 0} in {@code LABEL_failed}.
     */
    private static void tampered(List<Block> blocks, Timeouts t) {
        Set<IpxeLine> ours = new HashSet<>(t.lines().values());
        for (Block b : blocks)
            for (IpxeLine l : b.lines()) {
                if (ours.contains(l)) continue;
                for (IpxeCommand c : l.commands()) {
                    if (!List.of("set", "clear", "inc", "read", "choose").contains(c.name()) || c.positional().isEmpty()) continue;
                    String name = c.positional().get(c.name().equals("choose") ? c.positional().size() - 1 : 0).text();
                    int colon = name.indexOf(':');
                    if (colon >= 0) name = name.substring(0, colon);
                    if (!name.endsWith("-timeout")) continue;
                    String label = name.substring(0, name.length() - "-timeout".length());
                    boolean reset = b.label() != null && b.label().equals(label + "_failed") && l.commands().size() == 1 && c.name().equals("set")
                            && c.args().size() == 2 && c.args().get(1).text().equals("0");
                    if (!reset) t.tampered().add(label);
                }
            }
    }

    private static Menu buildMenu(MenuShape shape, String label, String parent, Menu.Builder mb, Sections sections) {
        Integer taken = sections.timeouts().take(label, shape.timeoutText());
        menuSettings(mb, shape, label, parent, taken, sections.byLabel());
        List<MenuItem> items = new ArrayList<>();
        for (Object o : shape.items()) {
            if (o instanceof Gap g) items.add(g);
            else items.add(entry((ItemShape) o, label, sections));
        }
        sharedFallback(mb, items);
        return mb.items(items).build();
    }

    /** The menu's own settings from its shape: title, default, timeout, choice variable, what Esc does, verbatim lines. */
    private static void menuSettings(Menu.Builder mb, MenuShape shape, String label, String parent, Integer taken, Map<String, Block> byLabel) {
        mb.title(shape.title()).defaultEntry(shape.defaultEntry()).timeoutMs(taken != null ? taken : shape.timeout());
        if (!shape.var().equals("target")) mb.choiceVariable(shape.var());
        if (shape.cancelGoto() != null && !shape.cancelGoto().equals(parent)) mb.onCancel(shape.cancelGoto());
        if (shape.cancelGoto() == null && (!shape.cancelExit() || parent != null)) {
            // Esc ends the script: with failure when nothing handles choose failing, or with exit in a submenu
            String cancel = label + "_cancel";
            for (int n = 2; byLabel.containsKey(cancel); n++) cancel = label + "_cancel" + n;
            mb.onCancel(cancel);
            mb.section(new Section(cancel, shape.cancelExit() ? "exit" : "exit 1"));
        }
        if (!shape.setup().isEmpty()) mb.ipxeMenuSetup(text(shape.setup()));
        if (!shape.afterChoose().isEmpty()) mb.ipxeAfterChoose(text(shape.afterChoose()));
        if (shape.timeoutText() != null && taken == null) mb.ipxeTimeout(shape.timeoutText());
    }

    /** The entry of an item of the menu {@code label}: its section (and platform sections after it) as a submenu, typed or custom. */
    private static Entry entry(ItemShape it, String label, Sections sections) {
        Block b = sections.byLabel().get(it.id());
        if (b == null || sections.claimed().contains(b)) {
            sections.notes().add(new Finding(sections.file(), 1, 1, Severity.INFO, "import-no-section", "item '" + it.id() + "' has no section of its own").about(it.id()));
            return entry(it, null, new BootAction.Custom("exit 1", ""));
        }
        sections.claimed().add(b);
        List<IpxeLine> body = new ArrayList<>(b.lines().subList(1, b.lines().size()));
        Block last = claimPlatformSections(it.id(), b, body, sections);
        MenuShape subShape = hasMenu(b) ? menuShape(b) : null;
        if (subShape != null && last == b)
            return entry(it, null, new BootAction.Submenu(buildMenu(subShape, it.id(), label, Menu.builder(null), sections)));
        return sectionEntry(it, body, sections.next().get(last), label);
    }

    /** Claims the {@code ID_pcbios} and {@code ID_efi} sections right after an item's section, adding them to its body; the last one. */
    private static Block claimPlatformSections(String id, Block b, List<IpxeLine> body, Sections sections) {
        List<Block> after = sections.after();
        Block last = b;
        for (String suffix : List.of("_pcbios", "_efi")) {
            int idx = after.indexOf(last) + 1;
            if (idx < after.size() && after.get(idx).label().equals(id + suffix) && !sections.claimed().contains(after.get(idx))) {
                last = after.get(idx);
                sections.claimed().add(last);
                body.addAll(last.lines());
            }
        }
        return last;
    }

    /**
     * An entry from an item's section: typed when an entry type generates the same commands (its failure target, when not
     * the menu's failure section, is the entry's fallback); otherwise the section, made self-contained, as a custom block.
     */
    private static Entry sectionEntry(ItemShape it, List<IpxeLine> body, String nextLabel, String label) {
        Entry probe = new Entry(it.id(), it.label(), it.key(), it.platforms(), it.arches(), null, null);
        String fail = label + "_failed";
        Optional<BootAction> typed = Optional.empty();
        for (String f : failTargets(body, label)) {
            typed = recognise(probe, body, f, label);
            if (typed.isPresent()) {
                fail = f;
                break;
            }
        }
        if (typed.isPresent()) {
            BootAction action = typed.get();
            return entry(it, IpxeGenerator.usesFail(action) && !fail.equals(label + "_failed") ? fail : null, action);
        }
        String t = bodyText(body, nextLabel, label);
        List<IpxeLine> fixed = IpxeParser.parse("-", t).lines();
        Optional<BootAction> again = recognise(probe, fixed, fail, label);
        return entry(it, null, again.isPresent() && !IpxeGenerator.usesFail(again.get()) ? again.get() : new BootAction.Custom(t, ""));
    }

    private static Entry entry(ItemShape it, String fallback, BootAction action) {
        return new Entry(it.id(), it.label(), it.key(), it.platforms(), it.arches(), fallback, action);
    }

    /** A fallback shared by every entry that can fail (more than one) is the menu's: the entries then have none of their own. */
    private static void sharedFallback(Menu.Builder mb, List<MenuItem> items) {
        Set<String> distinct = new LinkedHashSet<>();
        long failing = items.stream().filter(i -> i instanceof Entry e && IpxeGenerator.usesFail(e.action())).count();
        for (MenuItem i : items) if (i instanceof Entry e && IpxeGenerator.usesFail(e.action())) distinct.add(String.valueOf(e.fallback()));
        if (failing > 1 && distinct.size() == 1 && !distinct.contains("null")) {
            String f = distinct.iterator().next();
            mb.fallback(f);
            items.replaceAll(i -> i instanceof Entry e && f.equals(e.fallback()) ? e.withFallback(null) : i);
        }
    }

    /** Where the section may send failures: an "|| goto X", a final "goto X", or the menu's own failure section. */
    private static List<String> failTargets(List<IpxeLine> body, String menuLabel) {
        Set<String> out = new LinkedHashSet<>();
        IpxeLine last = null;
        for (IpxeLine l : body) {
            if (!l.isBlank() && !l.isLabel()) last = l;
            List<IpxeCommand> cs = l.commands();
            if (cs.size() >= 2) {
                IpxeCommand lastCmd = cs.get(cs.size() - 1);
                if (lastCmd.op() == IpxeCommand.Op.OR && lastCmd.name().equals("goto") && lastCmd.args().size() == 1)
                    out.add(lastCmd.args().get(0).text());
            }
        }
        if (last != null && last.commands().size() == 1 && last.first().name().equals("goto") && last.first().args().size() == 1)
            out.add(last.first().args().get(0).text());
        out.add(menuLabel + "_failed");
        return new ArrayList<>(out);
    }

    private static List<String> codes(List<IpxeLine> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(IpxeLine::code).toList();
    }

    private static List<String> codes(String text) {
        return codes(IpxeParser.parse("-", text).lines());
    }

    /**
     * Tries each entry type: the first whose generated section has the same commands wins. A section without any
     * beacon line is compared with the generated one without its beacons.
     */
    private static Optional<BootAction> recognise(Entry probe, List<IpxeLine> body, String fail, String menuLabel) {
        List<String> actual = codes(body);
        boolean beaconless = actual.stream().noneMatch(IpxeGenerator::isBeacon);
        List<Function<List<IpxeLine>, BootAction>> extractors = List.of(
                IpxeImporter::linux, IpxeImporter::chain, IpxeImporter::wimboot, IpxeImporter::wds, IpxeImporter::iso, IpxeImporter::isoSanboot,
                IpxeImporter::local, b -> new BootAction.Shell(), b -> new BootAction.Reboot(), b -> new BootAction.Poweroff());
        for (Function<List<IpxeLine>, BootAction> x : extractors) {
            BootAction a;
            try {
                a = x.apply(body);
            } catch (RuntimeException e) {
                continue;
            }
            if (a == null) continue;
            List<String> gen = codes(String.join("\n", IpxeGenerator.body(probe.withAction(a), fail, menuLabel)));
            if (gen.equals(actual)) return Optional.of(a);
            if (beaconless && gen.stream().filter(c -> !IpxeGenerator.isBeacon(c)).toList().equals(actual)) return Optional.of(a);
        }
        return Optional.empty();
    }

    private static IpxeCommand find(List<IpxeLine> body, String name, String nameOpt) {
        for (IpxeLine l : body)
            for (IpxeCommand c : l.commands())
                if (c.name().equals(name) && (nameOpt == null || nameOpt.equals(c.option("name")))) return c;
        return null;
    }

    private static String firstPos(IpxeCommand c) {
        return c == null || c.positional().isEmpty() ? null : c.positional().get(0).text();
    }

    private static BootAction linux(List<IpxeLine> body) {
        IpxeCommand k = find(body, "kernel", null);
        if (k == null || k.positional().isEmpty()) return null;
        List<Word> pos = k.positional();
        String args = pos.stream().skip(1).map(Word::text).collect(Collectors.joining(" "));
        List<String> initrds = new ArrayList<>();
        for (IpxeLine l : body)
            for (IpxeCommand c : l.commands()) if (c.name().equals("initrd") && !c.positional().isEmpty()) initrds.add(FileRefs.fromIpxe(firstPos(c)));
        return new BootAction.Linux(FileRefs.fromIpxe(pos.get(0).text()), initrds, args);
    }

    private static BootAction chain(List<IpxeLine> body) {
        IpxeCommand c = find(body, "chain", null);
        if (c == null) return null;
        long chains = body.stream().flatMap(l -> l.commands().stream()).filter(x -> x.name().equals("chain")).count();
        return new BootAction.Chain(FileRefs.fromIpxe(firstPos(c)), chains > 1);
    }

    private static BootAction wimboot(List<IpxeLine> body) {
        IpxeCommand k = find(body, "kernel", null);
        if (k == null) return null;
        return new BootAction.Wimboot(FileRefs.fromIpxe(firstPos(k)), FileRefs.fromIpxe(firstPos(find(body, "initrd", "BCD"))),
                FileRefs.fromIpxe(firstPos(find(body, "initrd", "boot.sdi"))), FileRefs.fromIpxe(firstPos(find(body, "initrd", "boot.wim"))));
    }

    private static BootAction wds(List<IpxeLine> body) {
        String server = null;
        List<String> paths = new ArrayList<>();
        for (IpxeLine l : body)
            for (IpxeCommand c : l.commands()) {
                if (c.name().equals("set") && c.args().size() == 2 && c.args().get(0).text().equals("net0/next-server")) server = c.args().get(1).text();
                if (c.name().equals("chain")) {
                    String u = firstPos(c);
                    String prefix = "tftp://${net0/next-server}/";
                    if (u == null || !u.startsWith(prefix)) return null;
                    paths.add(u.substring(prefix.length()));
                }
            }
        if (paths.size() != 4) return null;
        BootAction.Wds d = new BootAction.Wds(server);
        return new BootAction.Wds(server, nullIf(paths.get(0), d.biosX64Path()), nullIf(paths.get(1), d.efiX64Path()),
                nullIf(paths.get(2), d.biosX86Path()), nullIf(paths.get(3), d.efiX86Path()));
    }

    private static String nullIf(String v, String dflt) {
        return v.equals(dflt) ? null : v;
    }

    private static BootAction iso(List<IpxeLine> body) {
        IpxeCommand k = find(body, "kernel", null);
        IpxeCommand i = find(body, "initrd", null);
        if (k == null || i == null) return null;
        String memdisk = FileRefs.fromIpxe(firstPos(k));
        return new BootAction.Iso(FileRefs.fromIpxe(firstPos(i)), memdisk.equals("memdisk") ? null : memdisk, find(body, "sanboot", null) != null);
    }

    /** An ISO booted by sanboot on BIOS (and on EFI when a second sanboot follows): the generator's check decides. */
    private static BootAction isoSanboot(List<IpxeLine> body) {
        List<IpxeCommand> sans = new ArrayList<>();
        for (IpxeLine l : body)
            for (IpxeCommand c : l.commands())
                if (c.name().equals("sanboot")) sans.add(c);
        if (sans.isEmpty() || find(body, "kernel", null) != null) return null;
        return new BootAction.Iso(FileRefs.fromIpxe(firstPos(sans.get(0))), null, sans.size() > 1, true);
    }

    private static BootAction local(List<IpxeLine> body) {
        IpxeCommand s = find(body, "sanboot", null);
        return new BootAction.LocalDisk(s == null ? null : s.option("drive"));
    }

    // ---- the menu section ----

    private static MenuShape menuShape(Block b) {
        List<IpxeLine> ls = b.lines().subList(!b.lines().isEmpty() && b.lines().get(0).isLabel() ? 1 : 0, b.lines().size());
        int i = 0;
        List<IpxeLine> setup = new ArrayList<>();
        while (i < ls.size() && !(ls.get(i).first() != null && ls.get(i).first().name().equals("menu"))) setup.add(ls.get(i++));
        if (i >= ls.size()) return null;
        IpxeLine menuLine = ls.get(i++);
        if (menuLine.commands().size() != 1) return null;
        IpxeCommand menu = menuLine.first();
        if (!menu.args().isEmpty() && menu.args().get(0).text().startsWith("-")) return null;
        Items items = items(ls, i);
        if (items == null) return null;
        i = items.end();
        if (i >= ls.size()) return null;
        List<IpxeCommand> cs = ls.get(i++).commands();
        IpxeCommand choose = cs.get(0);
        if (!choose.name().equals("choose") || choose.option("menu") != null) return null;
        List<Word> pos = choose.positional();
        if (pos.size() != 1) return null;
        String var = pos.get(0).text();
        if (var.contains("${")) return null;
        String defaultEntry = choose.option("default") != null ? choose.option("default") : items.defaultEntry();
        ChooseTimeout timeout = ChooseTimeout.of(choose.option("timeout"));
        ChooseTail tail = chooseTail(cs, var);
        if (tail == null) return null;
        List<IpxeLine> afterChoose = new ArrayList<>();
        if (!tail.dispatched()) {
            i = linesBeforeDispatch(ls, i, var, afterChoose);
            if (i < 0) return null;
        }
        for (; i < ls.size(); i++) if (!ls.get(i).isBlank()) return null;
        Set<String> ids = new HashSet<>();
        for (Object o : items.items()) if (o instanceof ItemShape s && !ids.add(s.id())) return null;
        return new MenuShape(setup, menu.argText(), items.items(), defaultEntry, timeout.ms(), timeout.text(), var, tail.cancelGoto(),
                tail.cancelExit(), afterChoose);
    }

    /** A menu's items (gaps and {@link ItemShape}s), the id of the one marked {@code --default}, the index of the line after them. */
    private record Items(List<Object> items, String defaultEntry, int end) {}

    /** The item lines from line {@code i} up to the first other line; null when one is not of a shape the editor holds. */
    private static Items items(List<IpxeLine> ls, int i) {
        List<Object> items = new ArrayList<>();
        String defaultEntry = null;
        for (; i < ls.size(); i++) {
            IpxeLine l = ls.get(i);
            if (l.isBlank()) continue;
            IpxeCommand c = l.first();
            if (c.name().equals("item") && l.commands().size() == 1) {
                Object it = item(c, List.of(), List.of());
                if (it == null) return null;
                if (c.flag("default") && it instanceof ItemShape s) defaultEntry = s.id();
                addItem(items, it);
            } else if (c.name().equals("iseq")) {
                ItemShape it = conditionalItem(l.commands());
                if (it == null) return null;
                addItem(items, it);
            } else {
                break;
            }
        }
        return new Items(items, defaultEntry, i);
    }

    /**
     * {@code iseq ${platform} P && iseq ${arch} A && item ... ||}: an item offered on one platform and/or one architecture;
     * null for any other shape.
     */
    private static ItemShape conditionalItem(List<IpxeCommand> cs) {
        List<Platform> ps = new ArrayList<>();
        List<Arch> as = new ArrayList<>();
        int j = 0;
        while (j < cs.size() && cs.get(j).name().equals("iseq") && cs.get(j).args().size() == 2) {
            String var = cs.get(j).args().get(0).text(), val = cs.get(j).args().get(1).text();
            try {
                if (var.equals("${platform}")) ps.add(Platform.parse(val));
                else if (var.equals("${arch}")) as.add(Arch.parse(val));
                else return null;
            } catch (IllegalArgumentException e) {
                return null;
            }
            j++;
            if (j < cs.size() && cs.get(j).op() != IpxeCommand.Op.AND) return null;
        }
        if (ps.size() > 1 || as.size() > 1) return null;
        if (j + 2 != cs.size() || !cs.get(j).name().equals("item") || !cs.get(j + 1).isEmpty() || cs.get(j + 1).op() != IpxeCommand.Op.OR)
            return null;
        return item(cs.get(j), ps, as) instanceof ItemShape s ? s : null;
    }

    /** {@code choose --timeout}: a positive number of ms as written, or else the text kept as it is (null: none). */
    private record ChooseTimeout(Integer ms, String text) {
        static ChooseTimeout of(String option) {
            if (option == null) return new ChooseTimeout(null, null);
            try {
                int timeout = Integer.parseInt(option);
                if (timeout <= 0 || !String.valueOf(timeout).equals(option)) return new ChooseTimeout(null, option);
                return new ChooseTimeout(timeout, null);
            } catch (NumberFormatException e) {
                return new ChooseTimeout(null, option);
            }
        }
    }

    /** What follows {@code choose} on its line: {@code || goto X} or {@code || exit} for Esc, and whether {@code && goto ${VAR}} dispatches. */
    private record ChooseTail(String cancelGoto, boolean cancelExit, boolean dispatched) {}

    /** The rest of the choose line; null when it holds anything else (or those in another order). */
    private static ChooseTail chooseTail(List<IpxeCommand> cs, String var) {
        String cancelGoto = null;
        boolean cancelExit = false, dispatched = false;
        for (IpxeCommand c : cs.subList(1, cs.size())) {
            if (c.op() == IpxeCommand.Op.OR && c.name().equals("goto") && c.args().size() == 1 && cancelGoto == null && !cancelExit) cancelGoto = c.args().get(0).text();
            else if (c.op() == IpxeCommand.Op.OR && c.name().equals("exit") && c.args().isEmpty() && cancelGoto == null && !cancelExit) cancelExit = true;
            else if (c.op() == IpxeCommand.Op.AND && c.name().equals("goto") && c.args().size() == 1 && c.args().get(0).text().equals("${" + var + "}")
                    && cancelGoto == null && !cancelExit) dispatched = true;
            else return null;
        }
        return new ChooseTail(cancelGoto, cancelExit, dispatched);
    }

    /**
     * From line {@code i} to {@code goto ${VAR}}: lines that neither jump nor stop may run between the choice and the
     * dispatch; they go to {@code out}. The index after the dispatch, or -1 when the lines are not of that shape.
     */
    private static int linesBeforeDispatch(List<IpxeLine> ls, int i, String var, List<IpxeLine> out) {
        while (true) {
            while (i < ls.size() && ls.get(i).isBlank()) i++;
            if (i >= ls.size()) return -1;
            IpxeLine g = ls.get(i++);
            if (g.commands().size() == 1 && g.first().name().equals("goto") && g.first().args().size() == 1
                    && g.first().args().get(0).text().equals("${" + var + "}")) return i;
            boolean jumps = g.commands().stream().anyMatch(x -> x.name().equals("goto") || x.name().equals("exit") || x.name().equals("choose")
                    || x.name().equals("menu") || x.name().equals("item"));
            if (jumps || !IpxeFlow.canFallThrough(g)) return -1;
            out.add(g);
        }
    }

    /** Consecutive conditional items with the same id are one entry offered under several conditions. */
    private static void addItem(List<Object> items, Object it) {
        if (it instanceof ItemShape s && !items.isEmpty() && items.get(items.size() - 1) instanceof ItemShape p && p.id().equals(s.id())
                && p.label().equals(s.label()) && (!p.platforms().isEmpty() || !p.arches().isEmpty())) {
            Set<Platform> ps = new LinkedHashSet<>(p.platforms());
            ps.addAll(s.platforms());
            Set<Arch> as = new LinkedHashSet<>(p.arches());
            as.addAll(s.arches());
            items.set(items.size() - 1, new ItemShape(p.id(), p.label(), p.key(), new ArrayList<>(ps), new ArrayList<>(as)));
            return;
        }
        items.add(it);
    }

    private static Object item(IpxeCommand c, List<Platform> ps, List<Arch> as) {
        if (c.option("menu") != null || c.option("form") != null) return null;
        List<Word> pos = c.positional();
        if (c.flag("gap") || pos.isEmpty()) {
            // text after the options, "--" dropped
            List<Word> a = c.args();
            int k = 0;
            while (k < a.size() && a.get(k).text().startsWith("-") && !a.get(k).text().equals("--")) k++;
            if (k < a.size() && a.get(k).text().equals("--")) k++;
            return new Gap(a.subList(k, a.size()).stream().map(Word::text).collect(Collectors.joining(" ")));
        }
        String id = pos.get(0).text();
        String label = pos.stream().skip(1).map(Word::text).collect(Collectors.joining(" "));
        return new ItemShape(id, label.isEmpty() ? id : label, c.option("key"), ps, as);
    }

    private static boolean colourLine(IpxeCommand c, List<Colours.ColourDef> palette, List<Colours.ColourPair> pairs) {
        try {
            if (c.name().equals("cpair")) {
                List<Word> pos = c.positional();
                if (pos.size() != 1) return false;
                String f = c.option("foreground"), b = c.option("background");
                pairs.add(new Colours.ColourPair(Integer.parseInt(pos.get(0).text()), f == null ? null : Integer.valueOf(f), b == null ? null : Integer.valueOf(b)));
                return true;
            }
            if (c.name().equals("colour")) {
                List<Word> pos = c.positional();
                if (pos.size() != 1) return false;
                String basic = c.option("basic"), rgb = c.option("rgb");
                palette.add(new Colours.ColourDef(Integer.parseInt(pos.get(0).text()), basic == null ? null : Integer.valueOf(basic),
                        rgb == null ? null : Integer.decode(rgb)));
                return true;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static String text(List<IpxeLine> lines) {
        List<String> t = new ArrayList<>();
        for (IpxeLine l : lines) t.add(l.text());
        while (!t.isEmpty() && t.get(t.size() - 1).isBlank()) t.remove(t.size() - 1);
        while (!t.isEmpty() && t.get(0).isBlank()) t.remove(0);
        return String.join("\n", t);
    }

    /**
     * A section body made self-contained: a fall-through into the next label becomes an explicit goto (or exit at
     * the end of the script); a final "goto MENU" the generator would add again is dropped.
     */
    private static String bodyText(List<IpxeLine> body, String nextLabel, String menuLabel) {
        String t = text(body);
        if (IpxeFlow.canFallThrough(t)) t = (t.isEmpty() ? "" : t + "\n") + (nextLabel != null ? "goto " + nextLabel : "exit");
        if (menuLabel != null) {
            String tail = "goto " + menuLabel;
            List<String> ls = new ArrayList<>(List.of(t.split("\n", -1)));
            if (ls.get(ls.size() - 1).trim().equals(tail)) {
                String rest = String.join("\n", ls.subList(0, ls.size() - 1));
                String trimmed = text(IpxeParser.parse("-", rest).lines());
                if (IpxeFlow.canFallThrough(trimmed)) t = trimmed;
            }
        }
        return t;
    }
}
