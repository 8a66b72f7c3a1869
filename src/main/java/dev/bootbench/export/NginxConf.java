package dev.bootbench.export;

/**
 * {@code nginx.conf}: a complete nginx configuration serving the exported root over HTTP on the bench address and
 * Bootbench's HTTP port, as static files (with Content-Length, and byte ranges for clients that ask). Its pid file,
 * logs and temporary files are under the export folder, so it runs as it is: {@code nginx -c DIR/nginx.conf -p DIR}.
 */
public final class NginxConf {
    public static final String FILE = "nginx.conf";

    private NginxConf() {}

    public static String text(ExportPlan plan) {
        String dir = plan.out().toString();
        StringBuilder b = new StringBuilder();
        b.append("# nginx: HTTP as Bootbench served it on the bench. Exported by Bootbench; see README.md.\n");
        b.append("# Check: nginx -t -c ").append(plan.out().resolve(FILE)).append(" -p ").append(dir).append('\n');
        b.append("# Run:   nginx -c ").append(plan.out().resolve(FILE)).append(" -p ").append(dir).append('\n');
        b.append("worker_processes 1;\n");
        b.append("pid ").append(plan.out().resolve("nginx.pid")).append(";\n");
        b.append("error_log ").append(plan.out().resolve("logs/nginx-error.log")).append(" info;\n\n");
        b.append("events {\n    worker_connections 512;\n}\n\n");
        b.append("http {\n");
        b.append("    access_log ").append(plan.out().resolve("logs/nginx-access.log")).append(";\n");
        b.append("    client_body_temp_path ").append(plan.out().resolve("tmp/client_body")).append(";\n");
        b.append("    proxy_temp_path ").append(plan.out().resolve("tmp/proxy")).append(";\n");
        b.append("    default_type application/octet-stream;\n");
        b.append("    types {\n        text/plain ipxe cfg txt;\n    }\n");
        b.append("    sendfile on;\n    tcp_nopush on;\n    keepalive_timeout 65;\n    server_tokens off;\n");
        if (plan.caseInsensitive()) b.append("    # Bootbench matched file names ignoring case: nginx does not; names are as in root/\n");
        b.append("\n    server {\n");
        b.append("        listen ").append(plan.addressText()).append(':').append(plan.httpPort()).append(";\n");
        b.append("        server_name _;\n");
        b.append("        root ").append(plan.root()).append(";\n");
        b.append("        autoindex off;\n");
        b.append("        location / {\n            try_files $uri =404;\n        }\n");
        b.append("    }\n}\n");
        return b.toString();
    }
}
