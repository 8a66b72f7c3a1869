package dev.bootbench.engine.http;

import dev.bootbench.engine.ClientDirectory;
import dev.bootbench.engine.EventBus;
import dev.bootbench.engine.StageBeacon;
import dev.bootbench.engine.Transfer;
import dev.bootbench.engine.TransferFinished.Outcome;
import dev.bootbench.engine.files.OpenFiles;
import dev.bootbench.engine.files.PathResolver;
import dev.bootbench.engine.files.TransferReporter;
import dev.bootbench.engine.net.MacAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server answers: files of the root (GET and HEAD, single ranges), {@code /boot.ipxe}
 * from the {@link BootScriptProvider}, the stage beacon {@code /_/event} and the sessions API
 * {@code /_/api/sessions}. Files are streamed in chunks, slices of a shared read-only mapping, which
 * the connection sends from the file with sendfile ({@link FileRegionEndPoint}); written
 * asynchronously (no thread waits for a slow client; a stalled one is dropped by the idle timeout).
 */
final class BootHttpHandler extends Handler.Abstract {
    static final Logger log = LoggerFactory.getLogger("http");
    /**
     * Bytes per response write. Sent with sendfile, a chunk costs one pass through Jetty's write path
     * (a few dozen calls), so big chunks keep the Java work per file small; progress comes from the
     * endpoint as bytes leave, not per chunk.
     */
    private static final int CHUNK = 64 << 20;
    private static final Pattern STAGE = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final PathResolver paths;
    private final OpenFiles files;
    private final EventBus bus;
    private final ClientDirectory clients;
    private final BootScriptProvider scripts;
    private final Supplier<?> sessions;

    BootHttpHandler(PathResolver paths, OpenFiles files, EventBus bus, ClientDirectory clients,
                    BootScriptProvider scripts, Supplier<?> sessions) {
        this.paths = paths;
        this.files = files;
        this.bus = bus;
        this.clients = clients;
        this.scripts = scripts;
        this.sessions = sessions;
    }

    @Override
    public boolean handle(Request req, Response resp, Callback cb) {
        String method = req.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            resp.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(req, resp, cb, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET and HEAD are served");
            return true;
        }
        String path = req.getHttpURI().getDecodedPath();
        Fields query;
        try {
            query = Request.extractQueryParameters(req);
        } catch (RuntimeException e) {
            Response.writeError(req, resp, cb, HttpStatus.BAD_REQUEST_400, "bad query string");
            return true;
        }
        if (path == null) path = "/";
        switch (path) {
            case "/_/event" -> beacon(req, resp, cb, query);
            case "/_/api/sessions" -> sessions(req, resp, cb);
            case "/boot.ipxe" -> {
                if (scripts != null && !userScript(path)) script(req, resp, cb, query, head);
                else file(req, resp, cb, path, query, head);
            }
            default -> file(req, resp, cb, path, query, head);
        }
        return true;
    }

    // ---- files ----

    private void file(Request req, Response resp, Callback cb, String path, Fields query, boolean head) {
        InetSocketAddress client = remote(req);
        MacAddress mac = mac(query, client);
        String method = head ? "HEAD" : "GET";
        PathResolver.Resolution res = paths.resolve(path);
        if (!(res instanceof PathResolver.Found found)) {
            boolean denied = res instanceof PathResolver.Denied;
            String reason = denied ? ((PathResolver.Denied) res).reason() : ((PathResolver.NotFound) res).reason();
            TransferReporter r = reporter(client, mac, res.name().isEmpty() ? PathResolver.printable(path) : res.name(), -1, 0, -1, method);
            Response.writeError(req, resp, cb, denied ? HttpStatus.FORBIDDEN_403 : HttpStatus.NOT_FOUND_404,
                    denied ? "refused: " + reason : "no such file");
            if (!head) r.finish(denied ? Outcome.DENIED : Outcome.NOT_FOUND, 0, reason);
            else if (denied) log.warn("{} HEAD {}: refused ({})", client.getAddress().getHostAddress(), res.name(), reason);
            return;
        }
        OpenFiles.Handle file;
        try {
            file = files.open(found.file(), paths.root());
        } catch (IOException e) {
            TransferReporter r = reporter(client, mac, found.name(), -1, 0, -1, method);
            Response.writeError(req, resp, cb, HttpStatus.FORBIDDEN_403, "cannot read the file");
            if (!head) r.finish(Outcome.DENIED, 0, "cannot open " + found.file() + ": " + e.getMessage());
            return;
        }
        long size = file.size();
        String lastModified = HTTP_DATE.format(file.modified().toInstant());
        ByteRange range = ByteRange.parse(req.getHeaders().get(HttpHeader.RANGE), size);
        if (req.getHeaders().getValuesList(HttpHeader.RANGE).size() > 1) range = null;
        String ifRange = req.getHeaders().get(HttpHeader.IF_RANGE);
        if (range != null && ifRange != null && !ifRange.trim().equals(lastModified)) range = null; // changed since: whole file
        var h = resp.getHeaders();
        h.put(HttpHeader.ACCEPT_RANGES, "bytes");
        h.put(HttpHeader.LAST_MODIFIED, lastModified);
        if (range == ByteRange.UNSATISFIABLE) {
            file.close();
            h.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            TransferReporter r = reporter(client, mac, found.name(), size, 0, 0, method + " " + req.getHeaders().get(HttpHeader.RANGE));
            resp.setStatus(HttpStatus.RANGE_NOT_SATISFIABLE_416);
            h.put(HttpHeader.CONTENT_LENGTH, 0L);
            resp.write(true, ByteBuffer.allocate(0), cb);
            if (!head) r.finish(Outcome.DENIED, 0, "range not satisfiable: " + req.getHeaders().get(HttpHeader.RANGE) + " of " + size + " bytes");
            return;
        }
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        h.put(HttpHeader.CONTENT_TYPE, MimeTypes.forName(found.name()));
        h.put(HttpHeader.CONTENT_LENGTH, length);
        String detail = method;
        if (range != null) {
            resp.setStatus(HttpStatus.PARTIAL_CONTENT_206);
            String cr = "bytes " + range.first() + "-" + range.last() + "/" + size;
            h.put(HttpHeader.CONTENT_RANGE, cr);
            detail += " " + cr;
        } else {
            resp.setStatus(HttpStatus.OK_200);
        }
        if (head) {
            file.close();
            resp.write(true, ByteBuffer.allocate(0), cb);
            return;
        }
        TransferReporter r = reporter(client, mac, found.name(), size, first, length, detail);
        r.started();
        FileRegionEndPoint endPoint = req.getConnectionMetaData().getConnection().getEndPoint() instanceof FileRegionEndPoint ep ? ep : null;
        new FileSender(resp, cb, file, first, length, r, endPoint).iterate();
    }

    /**
     * Writes the file's bytes chunk by chunk; each chunk is a slice of the shared mapping, which the
     * connection's {@link FileRegionEndPoint} (when it is one) sends from the file with sendfile.
     *
     * <p>Its callbacks only slice the mapping, start the next write and publish events, so it tells
     * Jetty it never blocks: the selector thread that sees the socket writable then sends the next
     * bytes itself, as nginx's worker does, instead of handing each refill to a pool thread.
     */
    private static final class FileSender extends IteratingCallback {
        private final Response resp;
        private final Callback cb;
        private final OpenFiles.Handle file;
        private final long start;
        private final long end;
        private final TransferReporter reporter;
        private final FileRegionEndPoint endPoint;
        private long pos;
        private boolean lastWritten;
        /** The file position sent up to, as the endpoint reports it (any thread). */
        private volatile long sentTo;

        FileSender(Response resp, Callback cb, OpenFiles.Handle file, long first, long length, TransferReporter reporter,
                   FileRegionEndPoint endPoint) {
            this.endPoint = endPoint;
            this.resp = resp;
            this.cb = cb;
            this.file = file;
            this.start = first;
            this.end = first + length;
            this.pos = first;
            this.sentTo = first;
            this.reporter = reporter;
            if (endPoint != null) endPoint.body(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        private void sent(long position) {
            sentTo = position;
            reporter.progress(position - start);
        }

        @Override
        protected Action process() throws Throwable {
            if (pos > sentTo) sentTo = pos;
            reporter.progress(pos - start);
            if (lastWritten) return Action.SUCCEEDED;
            if (pos >= end) {
                lastWritten = true;
                resp.write(true, ByteBuffer.allocate(0), this);
                return Action.SCHEDULED;
            }
            ByteBuffer chunk = file.slice(pos, (int) Math.min(CHUNK, end - pos));
            if (endPoint != null) endPoint.sendFromFile(chunk, file, pos, this::sent);
            pos += chunk.remaining();
            lastWritten = pos >= end;
            resp.write(lastWritten, chunk, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            if (endPoint != null) endPoint.body(false);
            file.close();
            reporter.finish(Outcome.OK, end - start, null);
            cb.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable x) {
            if (endPoint != null) endPoint.body(false);
            file.close();
            reporter.finish(Outcome.FAILED, sentTo - start, "client gone or too slow: " + x.getClass().getSimpleName()
                    + (x.getMessage() != null ? " " + x.getMessage() : ""));
            cb.failed(x);
        }
    }

    // ---- /boot.ipxe ----

    /** Whether the last /boot.ipxe came from the served root's own file (null before the first). */
    private final java.util.concurrent.atomic.AtomicReference<Boolean> servedUserScript = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A {@code boot.ipxe} the user put in the served root wins over the generated script (a setup moved over from
     * dnsmasq + nginx boots what it booted there); the log says which one is served whenever that changes.
     */
    private boolean userScript(String path) {
        boolean user = paths.resolve(path) instanceof PathResolver.Found;
        Boolean before = servedUserScript.getAndSet(user);
        if (before == null || before != user) {
            if (user) log.info("/boot.ipxe: serving the file boot.ipxe of the served root {} (a file of yours wins over the generated menu)", paths.root());
            else log.info("/boot.ipxe: generated by Bootbench (no boot.ipxe in the served root {})", paths.root());
        }
        return user;
    }

    private void script(Request req, Response resp, Callback cb, Fields query, boolean head) {
        InetSocketAddress client = remote(req);
        MacAddress mac = mac(query, client);
        Map<String, String> q = new HashMap<>();
        for (Fields.Field f : query) q.put(f.getName(), f.getValue());
        SocketAddress local = req.getConnectionMetaData().getLocalSocketAddress();
        InetAddress server = local instanceof InetSocketAddress l ? l.getAddress() : client.getAddress();
        int port = Request.getLocalPort(req);
        String text;
        try {
            text = scripts.script(new BootScriptRequest(mac, client.getAddress(), server, port, q));
        } catch (IOException | RuntimeException e) {
            log.error("boot script for {} failed: {}", mac != null ? mac : client.getAddress().getHostAddress(), e.toString(), e);
            TransferReporter r = reporter(client, mac, "boot.ipxe", -1, 0, -1, "GET");
            Response.writeError(req, resp, cb, HttpStatus.INTERNAL_SERVER_ERROR_500, "the boot script could not be made: " + e.getMessage());
            r.finish(Outcome.FAILED, 0, "boot script failed: " + e);
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpStatus.OK_200);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        resp.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
        resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (head) {
            resp.write(true, ByteBuffer.allocate(0), cb);
            return;
        }
        TransferReporter r = reporter(client, mac, "boot.ipxe", body.length, 0, body.length, "GET (generated)");
        r.started();
        resp.write(true, ByteBuffer.wrap(body), Callback.from(() -> {
            r.finish(Outcome.OK, body.length, null);
            cb.succeeded();
        }, x -> {
            r.finish(Outcome.FAILED, 0, x.toString());
            cb.failed(x);
        }));
    }

    // ---- /_/event ----

    private void beacon(Request req, Response resp, Callback cb, Fields query) {
        InetSocketAddress client = remote(req);
        String stage = query.getValue("stage");
        if (stage == null || !STAGE.matcher(stage).matches()) {
            log.warn("{}: beacon without a valid stage ([a-z0-9_-]{1,32}): {}", client.getAddress().getHostAddress(),
                    stage == null ? "none" : PathResolver.printable(stage));
            Response.writeError(req, resp, cb, HttpStatus.BAD_REQUEST_400, "stage must match [a-z0-9_-]{1,32}");
            return;
        }
        MacAddress mac = mac(query, client);
        String reason = query.getValue("reason");
        if (reason != null) {
            reason = PathResolver.printable(reason.length() > 120 ? reason.substring(0, 120) + "..." : reason).trim();
            if (reason.isEmpty()) reason = null;
        }
        bus.publish(new StageBeacon(java.time.Instant.now(), mac, stage, reason, client.getAddress()));
        log.info("{}{}: stage {}{}", client.getAddress().getHostAddress(), mac != null ? " (" + mac + ")" : "", stage,
                reason != null ? " (" + reason + ")" : "");
        byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
        resp.setStatus(HttpStatus.OK_200);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        resp.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
        resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        resp.write(true, ByteBuffer.wrap(body), cb);
    }

    // ---- /_/api/sessions ----

    private void sessions(Request req, Response resp, Callback cb) {
        if (sessions == null) {
            Response.writeError(req, resp, cb, HttpStatus.NOT_FOUND_404, "no session monitor in this server");
            return;
        }
        byte[] body;
        try {
            body = ApiJson.MAPPER.writeValueAsBytes(sessions.get());
        } catch (IOException | RuntimeException e) {
            log.error("sessions API failed: {}", e.toString(), e);
            Response.writeError(req, resp, cb, HttpStatus.INTERNAL_SERVER_ERROR_500, "cannot list sessions");
            return;
        }
        resp.setStatus(HttpStatus.OK_200);
        resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        resp.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
        resp.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        resp.write(true, "HEAD".equals(req.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), cb);
    }

    // ---- helpers ----

    private TransferReporter reporter(InetSocketAddress client, MacAddress mac, String file, long size, long offset, long length, String detail) {
        return new TransferReporter(bus, log, new Transfer(Transfer.nextId(), Transfer.Protocol.HTTP, client, mac,
                file, size, offset, length, 0, 0, detail));
    }

    private static InetSocketAddress remote(Request req) {
        SocketAddress a = req.getConnectionMetaData().getRemoteSocketAddress();
        if (a instanceof InetSocketAddress i) return i;
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** The {@code mac} query parameter when it is a MAC address, else the client directory's answer, else null. */
    private MacAddress mac(Fields query, InetSocketAddress client) {
        String m = query.getValue("mac");
        if (m != null) {
            try {
                return MacAddress.parse(m);
            } catch (IllegalArgumentException e) {
                // not a MAC (an unexpanded ${...}?): fall back to the leases
            }
        }
        return client.getAddress() == null ? null : clients.macFor(client.getAddress()).orElse(null);
    }
}
