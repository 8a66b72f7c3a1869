package dev.bootbench.engine;

/** How many made-up exchanges a server's warm-up runs before it listens (DHCP's and TFTP's, issue #19). */
public final class WarmupSize {
    private WarmupSize() {}

    /**
     * {@code -D<property>}: a number, 0 for no warm-up (to measure without one); negative counts as 0, and a value that
     * is not a number gives {@code byDefault}.
     */
    public static int of(String property, int byDefault) {
        try {
            return Math.max(0, Integer.parseInt(System.getProperty(property, String.valueOf(byDefault)).trim()));
        } catch (NumberFormatException e) {
            return byDefault;
        }
    }
}
