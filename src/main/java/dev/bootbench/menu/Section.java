package dev.bootbench.menu;

/** A labelled block of iPXE script kept verbatim (an imported section no menu item owns). */
public record Section(String label, String body) {
    public Section {
        if (body == null) body = "";
    }
}
