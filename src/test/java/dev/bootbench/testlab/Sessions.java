package dev.bootbench.testlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's per-client sessions as {@code GET /_/api/sessions} on a running serve reports them:
 * per MAC, the stages reached in order (DHCP, BOOT_PROGRAM, IPXE_DHCP, SCRIPT, KERNEL, INITRD,
 * BOOTING) and the transfers with their sizes. The server lives in a network namespace, so the
 * request is made from inside it (curl via {@code ip netns exec}); the JSON is read with Jackson,
 * leniently about field names so the assertions say what is missing rather than how it is spelled.
 */
public final class Sessions {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Transfer(String protocol, String path, long size, long bytes, boolean complete, JsonNode raw) {
        /** Complete by its status, or every byte of a known size sent. */
        public boolean wentThrough() {
            return complete || (size > 0 && bytes == size);
        }
    }

    /** @param stageMillis when each stage was reached (ms from the session start; -1 when not reported), parallel to stages */
    public record Session(String mac, List<String> stages, List<Long> stageMillis, List<Transfer> transfers, JsonNode raw) {
        /** When the stage was first reached, in ms from the session start, or -1. */
        public long millisOf(String stage) {
            int i = stages.indexOf(stage);
            return i < 0 ? -1 : stageMillis.get(i);
        }

        /** Every transfer of that file (its path, or its path ending in /name; query left out), in order. */
        public List<Transfer> transfers(String name) {
            List<Transfer> out = new ArrayList<>();
            for (Transfer t : transfers) {
                if (t.path() == null) continue;
                String p = stripQuery(t.path());
                if (p.equals(name) || p.equals("/" + name) || p.endsWith("/" + name)) out.add(t);
            }
            return out;
        }

        /**
         * The transfer of that file that went through, or else the last attempt, or null. (OVMF aborts
         * its first read of the boot program after the OACK and reads it again.)
         */
        public Transfer transfer(String name) {
            List<Transfer> all = transfers(name);
            for (int i = all.size() - 1; i >= 0; i--) if (all.get(i).wentThrough()) return all.get(i);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    private Sessions() {}

    /** Fetches and parses the sessions; fails the test with the reason when the endpoint does not answer. */
    public static List<Session> fetch(Netns ns, String url) {
        return parse(fetchBody(ns, url));
    }

    /** The JSON text as served. */
    public static String fetchBody(Netns ns, String url) {
        Exec.Result r = ns.exec(Duration.ofSeconds(20), "curl", "-sS", "-m", "10", "--fail-with-body", url);
        if (r.exitCode() != 0) fail("GET " + url + " failed (curl exit " + r.exitCode() + "): " + r.stderr() + r.stdout());
        // Exec reads output byte for byte (ISO-8859-1); JSON is UTF-8 (a session's advice has dashes and arrows)
        return new String(r.stdout().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<Session> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("/_/api/sessions is not JSON: " + e.getMessage() + "\n" + body);
        }
        List<Session> out = new ArrayList<>();
        JsonNode list = root.isArray() ? root : first(root, "sessions", "clients", "items");
        if (list != null && list.isArray()) {
            for (JsonNode s : list) out.add(session(text(s, "mac", "macAddress", "client"), s));
        } else if (root.isObject()) {
            // keyed by MAC
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) out.add(session(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static Session session(String mac, JsonNode s) {
        List<String> stages = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        JsonNode st = first(s, "stages", "stagesReached", "history");
        if (st != null && st.isArray()) {
            for (JsonNode n : st) {
                String v = n.isTextual() ? n.asText() : text(n, "stage", "name", "type");
                if (v != null) {
                    stages.add(v.toUpperCase(Locale.ROOT));
                    millis.add(n.isObject() ? num(n, "at", "atMillis", "offset") : -1);
                }
            }
        }
        List<Transfer> transfers = new ArrayList<>();
        JsonNode tr = first(s, "transfers", "files");
        if (tr != null && tr.isArray()) {
            for (JsonNode t0 : tr) {
                // a finished-transfer event may carry the transfer itself nested: {"transfer":{...},"outcome":..,"bytesDone":..}
                JsonNode t = t0;
                if (t0.has("transfer") && t0.get("transfer").isObject()) {
                    com.fasterxml.jackson.databind.node.ObjectNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) t0.get("transfer")).deepCopy();
                    t0.fields().forEachRemaining(e -> { if (!e.getKey().equals("transfer")) merged.set(e.getKey(), e.getValue()); });
                    t = merged;
                }
                long size = num(t, "size", "fileSize", "total", "tsize", "length");
                long bytes = num(t, "bytesDone", "bytes", "bytesSent", "sent", "transferred");
                String status = text(t, "outcome", "status", "state", "result");
                JsonNode c = first(t, "complete", "completed", "done");
                boolean complete = c != null ? c.asBoolean() : status != null && status.toLowerCase(Locale.ROOT).matches("complete|completed|done|ok|finished|success");
                transfers.add(new Transfer(text(t, "protocol", "proto", "via"), text(t, "file", "path", "name", "uri", "url"), size, bytes, complete, t0));
            }
        }
        return new Session(mac == null ? null : mac.toLowerCase(Locale.ROOT), stages, millis, transfers, s);
    }

    /** Every session of that MAC, in the order the engine lists them (oldest first). */
    public static List<Session> allForMac(List<Session> sessions, String mac) {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions) if (mac.equalsIgnoreCase(s.mac())) out.add(s);
        return out;
    }

    /** The one session of that MAC; fails when there is none, or more than one (a boot the engine split). */
    public static Session forMac(List<Session> sessions, String mac, String body) {
        List<Session> mine = allForMac(sessions, mac);
        if (mine.isEmpty()) throw new AssertionError("no session for " + mac + " in /_/api/sessions: " + body);
        if (mine.size() > 1) {
            StringBuilder b = new StringBuilder("one boot of " + mac + " became " + mine.size() + " sessions:");
            for (Session s : mine) b.append("\n  stages ").append(s.stages()).append(", transfers ").append(s.transfers().stream().map(Transfer::path).toList());
            throw new AssertionError(b.toString());
        }
        return mine.get(0);
    }

    /** All sessions of that MAC as one: their stages and transfers one after the other. */
    public static Session merged(List<Session> sessions, String mac, String body) {
        List<Session> mine = allForMac(sessions, mac);
        if (mine.isEmpty()) throw new AssertionError("no session for " + mac + " in /_/api/sessions: " + body);
        if (mine.size() == 1) return mine.get(0);
        List<String> stages = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode raw = JSON.createArrayNode();
        for (Session s : mine) {
            stages.addAll(s.stages());
            millis.addAll(s.stageMillis());
            transfers.addAll(s.transfers());
            raw.add(s.raw());
        }
        return new Session(mac.toLowerCase(Locale.ROOT), stages, millis, transfers, raw);
    }

    /**
     * Every expected stage was reached, in this order (a stage given as {@code A|B} accepts either).
     * Other stages may come between them.
     */
    public static void assertStagesInOrder(Session s, List<String> expected) {
        int at = -1;
        for (String want : expected) {
            int found = -1;
            for (String alt : want.split("\\|")) {
                int i = indexFrom(s.stages(), alt, at + 1);
                if (i >= 0 && (found < 0 || i < found)) found = i;
            }
            if (found < 0) {
                fail("session of " + s.mac() + ": stage " + want + " not reached after " + (at < 0 ? "the start" : s.stages().get(at))
                        + "; expected in order " + expected + ", engine reports " + s.stages() + "\n" + s.raw());
            }
            at = found;
        }
    }

    /** A transfer of that file, over that protocol, that went through, with the file's size. */
    public static Transfer assertTransfer(Session s, String protocol, String name, long size) {
        Transfer t = s.transfer(name);
        if (t == null) fail("session of " + s.mac() + " has no transfer of " + name + ": " + s.raw());
        if (protocol != null && t.protocol() != null) assertEquals(protocol.toLowerCase(Locale.ROOT), t.protocol().toLowerCase(Locale.ROOT), "protocol of " + name + ": " + t.raw());
        long reported = t.size() > 0 ? t.size() : t.bytes();
        assertEquals(size, reported, "size of " + name + " in the session: " + t.raw());
        if (t.bytes() >= 0) assertEquals(size, t.bytes(), "bytes of " + name + " sent, by the session: " + s.transfers(name));
        return t;
    }

    private static int indexFrom(List<String> list, String v, int from) {
        for (int i = from; i < list.size(); i++) if (list.get(i).equalsIgnoreCase(v)) return i;
        return -1;
    }

    private static JsonNode first(JsonNode n, String... names) {
        for (String k : names) if (n.has(k) && !n.get(k).isNull()) return n.get(k);
        return null;
    }

    private static String text(JsonNode n, String... names) {
        JsonNode v = first(n, names);
        return v == null ? null : v.asText();
    }

    private static long num(JsonNode n, String... names) {
        JsonNode v = first(n, names);
        return v == null ? -1 : v.asLong(-1);
    }

    private static String stripQuery(String p) {
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }
}
