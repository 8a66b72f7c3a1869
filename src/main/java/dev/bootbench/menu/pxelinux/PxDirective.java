package dev.bootbench.menu.pxelinux;

/**
 * One directive of a pxelinux config: the keyword in upper case ({@code KERNEL}, {@code MENU LABEL}, ...), its
 * argument text, and where it was written (the file it came from, which differs for INCLUDEd files).
 */
public record PxDirective(String keyword, String arg, String file, int line, int column) {
    public PxDirective {
        if (arg == null) arg = "";
    }

    public boolean is(String k) {
        return keyword.equals(k);
    }

    public String text() {
        return arg.isEmpty() ? keyword : keyword + " " + arg;
    }
}
