package dev.bootbench.menu;

/** A non-selectable line of the menu; an empty text is a blank separator, otherwise a section heading. */
public record Gap(String text) implements MenuItem {
    public Gap {
        if (text == null) text = "";
    }
}
