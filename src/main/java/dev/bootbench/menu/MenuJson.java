package dev.bootbench.menu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads and saves {@link Menu}s as JSON. */
public final class MenuJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MenuJson() {}

    public static String toJson(Menu menu) {
        try {
            return MAPPER.writeValueAsString(menu) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IOException when the text is not a menu of a schema version this build reads */
    public static Menu fromJson(String json) throws IOException {
        Menu m = MAPPER.readValue(json, Menu.class);
        if (m.schemaVersion() > Menu.SCHEMA_VERSION)
            throw new IOException("menu schema version " + m.schemaVersion() + " is newer than this Bootbench reads (" + Menu.SCHEMA_VERSION + ")");
        return m;
    }

    public static Menu load(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static void save(Menu menu, Path file) throws IOException {
        Files.writeString(file, toJson(menu), StandardCharsets.UTF_8);
    }
}
