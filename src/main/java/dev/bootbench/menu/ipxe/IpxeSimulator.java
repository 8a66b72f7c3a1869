package dev.bootbench.menu.ipxe;

import dev.bootbench.menu.Arch;
import dev.bootbench.menu.ClientProfile;
import dev.bootbench.menu.FinalAction;
import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Platform;
import dev.bootbench.menu.Screen;
import dev.bootbench.menu.Severity;
import dev.bootbench.menu.SimulationResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs an iPXE script for a simulated client, the way iPXE would: settings and their expansion, {@code &&} /
 * {@code ||}, {@code goto}, a failing command ending the script, menus and choices, images and {@code boot},
 * {@code chain} (into another script when a resolver supplies it), files the client cannot fetch (their command fails
 * as on an HTTP 404, with iPXE's message and {@code ${errno}}), and the rest. It stops at the first action that leaves
 * iPXE (boot, chain, sanboot, exit, shell, reboot, poweroff), at a menu without a timeout once the simulated user has
 * no more choices ({@link FinalAction.Kind#WAIT}: the client waits there), or after a bounded number of steps.
 */
public final class IpxeSimulator {
    public static final int DEFAULT_MAX_STEPS = 10_000;

    /** iPXE's message for a file the server does not have (HTTP 404): its error text and the link it prints. */
    static final String NOT_FOUND_MESSAGE = "No such file or directory (https://ipxe.org/2d0c613b)";
    /** {@code ${errno}} after that failure, as iPXE formats it. */
    static final String NOT_FOUND_ERRNO = "0x2d0c613b";

    /**
     * @param resolver    text of a script by URL (after expansion), for {@code chain}; empty: the chain is the final action
     * @param unavailable URLs (after expansion) the client cannot fetch: a {@code kernel}, {@code initrd},
     *                    {@code imgfetch}, {@code chain} or {@code sanboot} of one fails as on an HTTP 404 (every
     *                    scheme is reported that way), so the script's failure path runs; null: every file is there
     */
    public record Options(Function<String, Optional<String>> resolver, int maxSteps, Predicate<String> unavailable) {
        public Options {
            if (resolver == null) resolver = u -> Optional.empty();
            if (maxSteps <= 0) maxSteps = DEFAULT_MAX_STEPS;
            if (unavailable == null) unavailable = u -> false;
        }

        public Options(Function<String, Optional<String>> resolver, int maxSteps) {
            this(resolver, maxSteps, null);
        }

        public static Options defaults() {
            return new Options(null, DEFAULT_MAX_STEPS);
        }

        public Options withUnavailable(Predicate<String> p) {
            return new Options(resolver, maxSteps, p);
        }
    }

    private static final class Stop extends RuntimeException {
        final FinalAction action;

        Stop(FinalAction action) {
            super(null, null, false, false);
            this.action = action;
        }
    }

    private enum Status { OK, FAIL }

    private record Image(String name, String url, String args) {}

    private static final class MenuState {
        String title = "";
        final List<String[]> items = new ArrayList<>(); // id (null for gap), text, default flag ("1")
    }

    private final ClientProfile client;
    private final Options options;
    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();
    private final Deque<String> answers;
    private final Deque<String> choices;
    private final List<Screen> screens = new ArrayList<>();
    private final List<Integer> consoleBefore = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, MenuState> menus = new HashMap<>();
    private final LinkedHashMap<String, Image> images = new LinkedHashMap<>();
    private String selected;
    private int steps;
    private int depth;

    private IpxeSimulator(ClientProfile client, Options options) {
        this.client = client;
        this.options = options;
        settings.putAll(client.settings());
        settings.put("errno", "0"); // iPXE's last error: set by a failed fetch here, not by every failing command
        answers = new ArrayDeque<>(client.answers());
        choices = new ArrayDeque<>(client.choices());
    }

    public static SimulationResult run(IpxeScript script, ClientProfile client) {
        return run(script, client, Options.defaults());
    }

    public static SimulationResult run(IpxeScript script, ClientProfile client, Options options) {
        IpxeSimulator sim = new IpxeSimulator(client, options);
        FinalAction action;
        try {
            int rc = sim.runScript(script);
            action = rc == 0 ? new FinalAction(FinalAction.Kind.EXIT, null, "", List.of(), "the script ended; iPXE returns to the firmware")
                    : FinalAction.failed("the script failed (" + sim.lastError + ")");
        } catch (Stop s) {
            action = s.action;
        }
        return new SimulationResult(sim.screens, sim.console, action, sim.findings, sim.consoleBefore);
    }

    private String lastError = "";

    private void note(IpxeScript s, IpxeCommand c, Severity sev, String code, String msg) {
        findings.add(new Finding(s.file(), c.line(), c.column(), sev, code, msg));
    }

    /** Runs a script; returns its exit status (0: ended or exit 0). */
    private int runScript(IpxeScript s) {
        List<IpxeLine> lines = s.lines();
        Map<String, Integer> labels = s.labels();
        int pc = 0;
        while (pc < lines.size()) {
            IpxeLine line = lines.get(pc);
            if (line.isLabel() || line.isBlank()) {
                pc++;
                continue;
            }
            if (++steps > options.maxSteps()) {
                findings.add(new Finding(s.file(), line.line(), 1, Severity.WARNING, "step-limit",
                        "stopped after " + options.maxSteps() + " steps: the script seems to loop"));
                throw new Stop(new FinalAction(FinalAction.Kind.STOPPED, null, "", List.of(), "step limit reached at line " + line.line()));
            }
            Status status = Status.OK;
            int jump = -1;
            boolean first = true;
            for (IpxeCommand c : line.commands()) {
                boolean run = first || (c.op() == IpxeCommand.Op.AND && status == Status.OK) || (c.op() == IpxeCommand.Op.OR && status == Status.FAIL);
                first = false;
                if (!run) continue;
                if (c.name().equals("goto")) {
                    String target = c.positional().isEmpty() ? "" : expand(c.positional().get(0).text());
                    Integer idx = labels.get(target);
                    if (idx == null) {
                        note(s, c, Severity.ERROR, "undefined-label", "goto '" + target + "': no such label");
                        lastError = "line " + c.line() + ": no label '" + target + "'";
                        status = Status.FAIL;
                        continue;
                    }
                    jump = idx;
                    break;
                }
                if (c.name().equals("exit")) {
                    String code = c.positional().isEmpty() ? "0" : expand(c.positional().get(0).text());
                    try {
                        return Integer.parseInt(code.trim());
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                }
                status = exec(s, c);
                if (status == Status.FAIL && lastError.isEmpty()) lastError = "line " + c.line() + ": " + c.name() + " failed";
                if (status == Status.OK) lastError = "";
            }
            if (jump >= 0) {
                pc = jump;
                continue;
            }
            if (status == Status.FAIL) {
                console.add("script failed at line " + line.line());
                return 1;
            }
            pc++;
        }
        return 0;
    }

    // ---- settings ----

    private static String canonical(String name) {
        String n = name;
        for (String p : new String[] {"net0/", "net0.dhcp/", "netX/", "netX.dhcp/"}) if (n.startsWith(p)) return n.substring(p.length());
        return n;
    }

    private String get(String name) {
        return settings.get(canonical(name));
    }

    private void put(String name, String type, String value) {
        String n = canonical(name);
        if (value == null) {
            settings.remove(n);
            types.remove(n);
        } else {
            settings.put(n, value);
            if (type != null) types.put(n, type);
            else types.remove(n);
        }
    }

    /** Expands {@code ${name}} and {@code ${name:type}}, innermost first; an unterminated {@code ${} stays as written. */
    String expand(String s) {
        if (!s.contains("${")) return s;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int st = s.indexOf("${", i);
            if (st < 0) {
                out.append(s, i, s.length());
                break;
            }
            int end = Word.matchingBrace(s, st + 2, s.length());
            if (end < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, st);
            String inner = expand(s.substring(st + 2, end));
            String name = inner, type = null;
            int colon = inner.lastIndexOf(':');
            if (colon >= 0) {
                name = inner.substring(0, colon);
                type = inner.substring(colon + 1);
            }
            out.append(format(name, type));
            i = end + 1;
        }
        return out.toString();
    }

    private String format(String name, String type) {
        String v = get(name);
        if (v == null) return "";
        String stored = types.get(canonical(name));
        boolean hexStored = stored != null && (stored.equals("hex") || stored.equals("hexhyp") || stored.equals("hexraw"));
        byte[] bytes = hexStored ? fromHex(v) : v.getBytes(StandardCharsets.UTF_8);
        if (type == null) return v;
        switch (type) {
            case "string":
                return new String(bytes, StandardCharsets.ISO_8859_1);
            case "hex":
                return toHex(bytes, ":");
            case "hexhyp":
                return toHex(bytes, "-");
            case "hexraw":
                return toHex(bytes, "");
            case "uristring":
                return URLEncoder.encode(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8).replace("+", "%20");
            default:
                return hexStored ? toHex(bytes, ":") : v;
        }
    }

    private static byte[] fromHex(String v) {
        String h = v.replaceAll("[:\\-\\s]", "");
        if (h.length() % 2 != 0) h = "0" + h;
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int x = Character.digit(h.charAt(2 * i), 16), y = Character.digit(h.charAt(2 * i + 1), 16);
            b[i] = (byte) ((x < 0 ? 0 : x) * 16 + (y < 0 ? 0 : y));
        }
        return b;
    }

    private static String toHex(byte[] b, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) sb.append(sep);
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    private List<String> expandedPositional(IpxeCommand c) {
        List<String> out = new ArrayList<>();
        for (Word w : c.positional()) out.add(expand(w.text()));
        return out;
    }

    private String opt(IpxeCommand c, String name) {
        String v = c.option(name);
        return v == null ? null : expand(v);
    }

    // ---- commands ----

    /** How the simulator runs one iPXE command: the script it is in, the command, its positional arguments expanded. */
    @FunctionalInterface
    private interface Handler {
        Status run(IpxeSimulator sim, IpxeScript s, IpxeCommand c, List<String> pos);
    }

    /** Commands that change nothing the simulation follows (network, console, display, trust): they succeed. */
    private static final List<String> NO_EFFECT = List.of("sleep", "dhcp", "ifopen", "ifclose", "ifstat", "ifconf", "route", "ipstat",
            "cpair", "colour", "console", "imgstat", "show", "config", "params", "param", "help", "time", "nstat", "ntp", "sync", "login",
            "form", "present", "imgverify", "imgtrust", "certstat", "pciscan");

    /**
     * The command table: iPXE command name to its handler. {@code goto} and {@code exit} are not here, they steer
     * {@link #runScript}; a name not here succeeds if it is an iPXE command and fails as unknown otherwise.
     */
    private static final Map<String, Handler> COMMANDS = commandTable();

    private static Map<String, Handler> commandTable() {
        Map<String, Handler> t = new HashMap<>();
        t.put("", (sim, s, c, pos) -> Status.OK);
        for (String n : NO_EFFECT) t.put(n, (sim, s, c, pos) -> Status.OK);
        t.put("echo", IpxeSimulator::echo);
        t.put("set", IpxeSimulator::set);
        t.put("clear", IpxeSimulator::clear);
        t.put("inc", IpxeSimulator::inc);
        t.put("read", IpxeSimulator::read);
        t.put("prompt", IpxeSimulator::prompt);
        t.put("isset", IpxeSimulator::isset);
        t.put("iseq", IpxeSimulator::iseq);
        t.put("cpuid", IpxeSimulator::cpuid);
        t.put("menu", IpxeSimulator::menu);
        t.put("item", IpxeSimulator::item);
        t.put("choose", IpxeSimulator::choose);
        for (String n : List.of("kernel", "imgselect", "imgload")) t.put(n, IpxeSimulator::fetchAndSelect);
        for (String n : List.of("initrd", "imgfetch", "module")) t.put(n, IpxeSimulator::fetch);
        t.put("imgargs", IpxeSimulator::imgargs);
        t.put("imgfree", IpxeSimulator::imgfree);
        t.put("boot", IpxeSimulator::boot);
        t.put("chain", IpxeSimulator::chain);
        t.put("imgexec", IpxeSimulator::chain);
        t.put("sanboot", IpxeSimulator::sanboot);
        t.put("shell", (sim, s, c, pos) -> leave(FinalAction.Kind.SHELL));
        t.put("reboot", (sim, s, c, pos) -> leave(FinalAction.Kind.REBOOT));
        t.put("poweroff", (sim, s, c, pos) -> leave(FinalAction.Kind.POWEROFF));
        return Map.copyOf(t);
    }

    private Status exec(IpxeScript s, IpxeCommand c) {
        List<String> pos = expandedPositional(c);
        Handler h = COMMANDS.get(c.name());
        return h != null ? h.run(this, s, c, pos) : otherCommand(s, c);
    }

    /** A command the table does not simulate: one of iPXE's succeeds, anything else is an unknown command. */
    private Status otherCommand(IpxeScript s, IpxeCommand c) {
        if (IpxeBuiltins.isCommand(c.name())) return Status.OK;
        note(s, c, Severity.ERROR, "unknown-command", "unknown command '" + IpxeParser.clip(c.name()) + "'");
        return Status.FAIL;
    }

    private static Status leave(FinalAction.Kind kind) {
        throw new Stop(FinalAction.of(kind, null));
    }

    private Status echo(IpxeScript s, IpxeCommand c, List<String> pos) {
        console.add(String.join(" ", pos));
        return Status.OK;
    }

    private Status set(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty()) return Status.FAIL;
        String[] nt = splitType(pos.get(0));
        put(nt[0], nt[1], pos.size() > 1 ? String.join(" ", pos.subList(1, pos.size())) : null);
        return Status.OK;
    }

    private Status clear(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (!pos.isEmpty()) put(splitType(pos.get(0))[0], null, null);
        return Status.OK;
    }

    private Status inc(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty()) return Status.FAIL;
        String name = splitType(pos.get(0))[0];
        long v;
        try {
            v = Long.parseLong(Optional.ofNullable(get(name)).orElse("0").trim());
        } catch (NumberFormatException e) {
            return Status.FAIL;
        }
        long by = 1;
        if (pos.size() > 1) try {
            by = Long.parseLong(pos.get(1));
        } catch (NumberFormatException e) {
            return Status.FAIL;
        }
        put(name, null, Long.toString(v + by));
        return Status.OK;
    }

    private Status read(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty()) return Status.FAIL;
        String answer = answers.poll();
        if (answer == null) {
            note(s, c, Severity.INFO, "no-answer", "no answer given for 'read " + pos.get(0) + "': an empty line is entered");
            answer = "";
        }
        console.add("> " + answer);
        String[] nt = splitType(pos.get(0));
        put(nt[0], nt[1], answer);
        return Status.OK;
    }

    private Status prompt(IpxeScript s, IpxeCommand c, List<String> pos) {
        String key = opt(c, "key");
        String timeout = opt(c, "timeout");
        console.add(String.join(" ", pos));
        String answer = answers.poll();
        if (answer == null) {
            if (timeout != null && !timeout.equals("0")) return Status.FAIL; // timed out
            note(s, c, Severity.INFO, "no-answer", "no answer given for 'prompt': a key is pressed");
            return key == null ? Status.OK : Status.FAIL;
        }
        if (key == null) return Status.OK;
        return keyMatches(key, answer) ? Status.OK : Status.FAIL;
    }

    private Status isset(IpxeScript s, IpxeCommand c, List<String> pos) {
        return pos.stream().allMatch(String::isEmpty) || pos.isEmpty() ? Status.FAIL : Status.OK;
    }

    private Status iseq(IpxeScript s, IpxeCommand c, List<String> pos) {
        return pos.size() == 2 && pos.get(0).equals(pos.get(1)) ? Status.OK : Status.FAIL;
    }

    private Status menu(IpxeScript s, IpxeCommand c, List<String> pos) {
        String name = Optional.ofNullable(opt(c, "name")).orElse("");
        if (c.flag("delete")) {
            menus.remove(name);
            return Status.OK;
        }
        MenuState m = new MenuState();
        m.title = String.join(" ", pos);
        menus.put(name, m);
        return Status.OK;
    }

    private Status item(IpxeScript s, IpxeCommand c, List<String> pos) {
        MenuState m = menus.get(Optional.ofNullable(opt(c, "menu")).orElse(""));
        if (m == null) {
            note(s, c, Severity.ERROR, "no-menu", "item outside a menu");
            return Status.FAIL;
        }
        if (c.flag("gap") || pos.isEmpty()) m.items.add(new String[] {null, gapText(c), ""});
        else m.items.add(new String[] {pos.get(0), pos.size() > 1 ? String.join(" ", pos.subList(1, pos.size())) : pos.get(0), c.flag("default") ? "1" : ""});
        return Status.OK;
    }

    /** The text of a gap item: every word after the options (and after a {@code --}), expanded. */
    private String gapText(IpxeCommand c) {
        List<String> textWords = new ArrayList<>();
        List<Word> a = c.args();
        int k = 0;
        while (k < a.size() && a.get(k).text().startsWith("-") && !a.get(k).text().equals("--")) k++;
        if (k < a.size() && a.get(k).text().equals("--")) k++;
        for (Word w : a.subList(k, a.size())) textWords.add(expand(w.text()));
        return String.join(" ", textWords);
    }

    /** {@code kernel}, {@code imgselect}, {@code imgload}: fetch an image and select it for {@code boot}. */
    private Status fetchAndSelect(IpxeScript s, IpxeCommand c, List<String> pos) {
        return loadImage(c, pos, true);
    }

    /** {@code initrd}, {@code imgfetch}, {@code module}: fetch an image without selecting it. */
    private Status fetch(IpxeScript s, IpxeCommand c, List<String> pos) {
        return loadImage(c, pos, false);
    }

    private Status loadImage(IpxeCommand c, List<String> pos, boolean select) {
        if (pos.isEmpty()) return Status.FAIL;
        String url = pos.get(0);
        if (!fetchable(url)) return Status.FAIL;
        String name = Optional.ofNullable(opt(c, "name")).orElse(IpxeBuiltins.fileName(url));
        Image img = new Image(name, url, String.join(" ", pos.subList(1, pos.size())));
        images.remove(name);
        images.put(name, img);
        if (select) selected = name;
        return Status.OK;
    }

    private Status imgargs(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty() || !images.containsKey(pos.get(0))) return Status.FAIL;
        Image i = images.get(pos.get(0));
        images.put(i.name, new Image(i.name, i.url, String.join(" ", pos.subList(1, pos.size()))));
        return Status.OK;
    }

    private Status imgfree(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty()) {
            images.clear();
            selected = null;
        } else {
            images.remove(pos.get(0));
            if (pos.get(0).equals(selected)) selected = null;
        }
        return Status.OK;
    }

    private Status boot(IpxeScript s, IpxeCommand c, List<String> pos) {
        String name = pos.isEmpty() ? selected : pos.get(0);
        Image img = name == null ? null : images.get(name);
        if (img == null) {
            note(s, c, Severity.WARNING, "nothing-to-boot", "boot: no kernel image selected");
            return Status.FAIL;
        }
        String why = wrongPlatform(img.url);
        if (why != null) {
            note(s, c, Severity.ERROR, "wrong-platform", "boot " + img.url + " fails on " + client.platform().id() + ": " + why);
            return Status.FAIL;
        }
        List<String> initrds = new ArrayList<>();
        for (Image i : images.values()) if (i != img) initrds.add(i.url + (i.name.equals(IpxeBuiltins.fileName(i.url)) ? "" : " (as " + i.name + ")"));
        throw new Stop(new FinalAction(FinalAction.Kind.BOOT, img.url, img.args, initrds, ""));
    }

    /** {@code chain} and {@code imgexec}: into a script the resolver supplies, else the chain leaves iPXE. */
    private Status chain(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (pos.isEmpty()) {
            Image img = selected == null ? null : images.get(selected);
            if (img == null) return Status.FAIL;
            pos = List.of(img.url);
        }
        String url = pos.get(0);
        String args = String.join(" ", pos.subList(1, pos.size()));
        if (!c.positional().isEmpty() && !fetchable(url)) return Status.FAIL;
        Optional<String> text = resolve(url);
        if (text.isPresent() && text.get().replaceFirst("^\uFEFF", "").startsWith("#!ipxe")) return chainScript(s, c, url, text.get());
        String why = wrongPlatform(url);
        if (why != null) {
            note(s, c, Severity.ERROR, "wrong-platform", "chain " + url + " fails on " + client.platform().id() + ": " + why);
            return Status.FAIL;
        }
        throw new Stop(new FinalAction(FinalAction.Kind.CHAIN, url, args, List.of(), ""));
    }

    /** The text the resolver has for {@code url}; empty when it has none or fails. */
    private Optional<String> resolve(String url) {
        try {
            return options.resolver().apply(url);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Runs a chained iPXE script, at most 8 deep; its exit status is the chain's. */
    private Status chainScript(IpxeScript s, IpxeCommand c, String url, String text) {
        if (depth >= 8) {
            note(s, c, Severity.ERROR, "chain-depth", "chain nested too deeply");
            return Status.FAIL;
        }
        console.add("chain " + url);
        depth++;
        int rc;
        try {
            rc = runScript(IpxeParser.parse(url, text));
        } finally {
            depth--;
        }
        return rc == 0 ? Status.OK : Status.FAIL;
    }

    private Status sanboot(IpxeScript s, IpxeCommand c, List<String> pos) {
        String drive = opt(c, "drive");
        String target = pos.isEmpty() ? (drive != null ? "drive " + drive : "drive 0x80") : pos.get(0);
        if (!pos.isEmpty() && !fetchable(target)) return Status.FAIL;
        throw new Stop(new FinalAction(FinalAction.Kind.SANBOOT, target, "", List.of(), ""));
    }

    /** Whether the client can fetch {@code url}; if not, prints iPXE's message and sets {@code ${errno}}, as iPXE does. */
    private boolean fetchable(String url) {
        boolean gone;
        try {
            gone = options.unavailable().test(url);
        } catch (RuntimeException e) {
            gone = false;
        }
        if (!gone) return true;
        console.add(url + "... " + NOT_FOUND_MESSAGE);
        put("errno", null, NOT_FOUND_ERRNO);
        return false;
    }

    private static boolean keyMatches(String key, String answer) {
        if (key.equalsIgnoreCase(answer)) return true;
        // --key 0x1b style codes
        try {
            int code = Integer.decode(key);
            return answer.length() == 1 && answer.charAt(0) == code;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String wrongPlatform(String url) {
        String f = IpxeBuiltins.fileName(url);
        String bios = IpxeBuiltins.biosOnlyReason(f);
        if (bios != null && client.platform() == Platform.EFI) return bios;
        if (IpxeBuiltins.efiOnly(f) && client.platform() == Platform.PCBIOS) return f + " is an EFI program";
        return null;
    }

    private Status cpuid(IpxeScript s, IpxeCommand c, List<String> pos) {
        if (client.arch() == Arch.ARM64) return Status.FAIL; // no cpuid on ARM
        if (pos.isEmpty()) return Status.FAIL;
        boolean ext = c.flag("ext");
        String bit = pos.get(0);
        if (ext && !c.flag("ecx") && bit.equals("29")) return client.arch() == Arch.X86_64 ? Status.OK : Status.FAIL;
        return Status.FAIL;
    }

    private Status choose(IpxeScript s, IpxeCommand c, List<String> pos) {
        String menuName = Optional.ofNullable(opt(c, "menu")).orElse("");
        MenuState m = menus.get(menuName);
        if (m == null || pos.isEmpty()) {
            note(s, c, Severity.ERROR, "no-menu", "choose without a menu");
            return Status.FAIL;
        }
        if (!c.flag("keep")) menus.remove(menuName);
        List<Screen.Line> lines = new ArrayList<>();
        for (String[] it : m.items) lines.add(new Screen.Line(it[0], it[1]));
        String highlighted = highlighted(m, lines, opt(c, "default"));
        Integer timeout = menuTimeout(opt(c, "timeout"));
        String choice = choices.poll();
        if (choice == null && timeout == null) throw waitAtMenu(m, lines, highlighted);
        String chosen = choice == null ? highlighted : chosenItem(s, c, lines, choice);
        screens.add(new Screen(m.title, lines, highlighted, timeout, chosen));
        consoleBefore.add(console.size());
        if (chosen == null) return Status.FAIL;
        String[] nt = splitType(pos.get(pos.size() - 1));
        put(nt[0], null, chosen);
        return Status.OK;
    }

    /** The item highlighted when the menu shows: {@code --default} if it names an item, else the item marked default, else the first. */
    private static String highlighted(MenuState m, List<Screen.Line> lines, String dflt) {
        String firstItem = null, itemDefault = null;
        for (String[] it : m.items) {
            if (it[0] != null && firstItem == null) firstItem = it[0];
            if (it[0] != null && it[2].equals("1")) itemDefault = it[0];
        }
        if (dflt != null && isItem(lines, dflt)) return dflt;
        return itemDefault != null ? itemDefault : firstItem;
    }

    private static boolean isItem(List<Screen.Line> lines, String id) {
        return lines.stream().anyMatch(l -> !l.gap() && l.id().equals(id));
    }

    /** {@code --timeout} in ms; null when absent, not a number, or 0 (iPXE then waits for ever). */
    private static Integer menuTimeout(String t) {
        if (t == null) return null;
        try {
            int timeout = Integer.parseInt(t.trim());
            return timeout <= 0 ? null : timeout;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** No timeout: iPXE waits for a key, and the simulated user has nothing more to press. The screen, and the stop there. */
    private Stop waitAtMenu(MenuState m, List<Screen.Line> lines, String highlighted) {
        screens.add(new Screen(m.title, lines, highlighted, null, null));
        consoleBefore.add(console.size());
        return new Stop(new FinalAction(FinalAction.Kind.WAIT, null, "", List.of(),
                (m.title.isEmpty() ? "the menu" : "the menu '" + m.title + "'") + " has no timeout: the client waits for a choice"));
    }

    /** The item the simulated user's {@code choice} picks; null for escape, or for a choice that is no item (then escape is pressed). */
    private String chosenItem(IpxeScript s, IpxeCommand c, List<Screen.Line> lines, String choice) {
        if (choice.equalsIgnoreCase("esc") || choice.equalsIgnoreCase("escape")) return null;
        if (isItem(lines, choice)) return choice;
        note(s, c, Severity.WARNING, "no-such-item", "choice '" + choice + "' is not an item of this menu " + lines.stream()
                .filter(l -> !l.gap()).map(Screen.Line::id).toList() + ": escape pressed instead");
        return null;
    }

    private static String[] splitType(String name) {
        int colon = name.indexOf(':');
        return colon >= 0 ? new String[] {name.substring(0, colon), name.substring(colon + 1)} : new String[] {name, null};
    }
}
