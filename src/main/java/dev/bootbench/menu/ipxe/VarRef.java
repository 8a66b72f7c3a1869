package dev.bootbench.menu.ipxe;

/**
 * A {@code ${name}} or {@code ${name:type}} reference. {@code dynamic} when the name itself contains a reference
 * (as in {@code ${net${n}/ip}}).
 */
public record VarRef(String name, String type, boolean dynamic, int line, int column) {
    /** The setting name without a scope: {@code net0/ip} → {@code ip}. */
    public String baseName() {
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
