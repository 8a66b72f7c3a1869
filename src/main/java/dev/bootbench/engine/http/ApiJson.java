package dev.bootbench.engine.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.bootbench.engine.net.MacAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON of the remote API: records as objects, MAC and IP addresses as strings, instants as
 * ISO-8601 text and durations as milliseconds.
 */
public final class ApiJson {
    private ApiJson() {}

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(module())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static <T> JsonSerializer<T> string(java.util.function.Function<T, String> f) {
        return new JsonSerializer<>() {
            @Override public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(f.apply(value));
            }
        };
    }

    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("bootbench-api");
        m.addSerializer(MacAddress.class, string(MacAddress::toString));
        m.addSerializer(InetAddress.class, string(InetAddress::getHostAddress));
        m.addSerializer(InetSocketAddress.class, string(a -> (a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString()) + ":" + a.getPort()));
        m.addSerializer(Instant.class, string(Instant::toString));
        m.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(d.toMillis());
            }
        });
        return m;
    }
}
