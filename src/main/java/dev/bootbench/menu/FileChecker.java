package dev.bootbench.menu;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks that files a menu refers to exist: local paths under the served roots, remote URLs by HEAD. */
public final class FileChecker {
    private final LintOptions options;
    private final Map<String, Integer> statusCache = new HashMap<>();
    private HttpClient client;

    public FileChecker(LintOptions options) {
        this.options = options;
    }

    public boolean hasRoots() {
        return !options.roots().isEmpty();
    }

    /** Whether a path relative to the served root exists under one of the roots (or, relative, next to the script). */
    public boolean existsLocally(String relative, Path scriptDir) {
        String p = relative;
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        while (p.startsWith("/")) p = p.substring(1);
        try {
            for (Path root : options.roots()) if (Files.exists(root.resolve(p).normalize())) return true;
            if (scriptDir != null && Files.exists(scriptDir.resolve(p).normalize())) return true;
        } catch (InvalidPathException e) {
            return false;
        }
        return false;
    }

    public List<Path> roots() {
        return options.roots();
    }

    /** HTTP status of a HEAD request, when remote checks are on and the server answered. */
    public Optional<Integer> headStatus(String url) {
        if (!options.checkRemote() || !(url.startsWith("http://") || url.startsWith("https://"))) return Optional.empty();
        Integer cached = statusCache.get(url);
        if (cached != null) return cached < 0 ? Optional.empty() : Optional.of(cached);
        int status = -1;
        try {
            if (client == null) client = HttpClient.newBuilder().connectTimeout(options.remoteTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(options.remoteTimeout()).build();
            status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            status = -1;
        }
        statusCache.put(url, status);
        return status < 0 ? Optional.empty() : Optional.of(status);
    }
}
