package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * Menu colours in iPXE's terms: a palette of colour indexes (ipxe.org/cmd/colour) and colour pairs
 * (ipxe.org/cmd/cpair; pair 1 is normal text, 2 the highlighted item, 3 separators).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Colours(List<ColourDef> palette, List<ColourPair> pairs) {
    public Colours {
        palette = palette == null ? List.of() : palette.stream().sorted(Comparator.comparingInt(ColourDef::index)).toList();
        pairs = pairs == null ? List.of() : pairs.stream().sorted(Comparator.comparingInt(ColourPair::pair)).toList();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return palette.isEmpty() && pairs.isEmpty();
    }

    /** Colour index 0..7 (9 is "default") defined as a basic ANSI colour and optionally a 24-bit RGB value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColourDef(int index, Integer basic, Integer rgb) {}

    /** Colour pair index 0..7 with foreground and background colour indexes (null: iPXE's default). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColourPair(int pair, Integer foreground, Integer background) {}
}
