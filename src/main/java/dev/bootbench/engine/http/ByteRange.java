package dev.bootbench.engine.http;

/**
 * One byte range of a file (RFC 9110 section 14): {@code first} to {@code last} inclusive.
 * Only single ranges are served; a list of ranges is answered with the whole file, which RFC 9110
 * allows (a server may ignore Range).
 */
record ByteRange(long first, long last) {
    /** Marks a Range header that no byte of the file can satisfy (416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} against a file of {@code size}
     * bytes. Returns null when the header is absent, not understood or names several ranges (the
     * whole file is sent then), {@link #UNSATISFIABLE} when it cannot be met.
     */
    static ByteRange parse(String header, long size) {
        if (header == null) return null;
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "bytes=", 0, 6)) return null;
        String spec = h.substring(6).trim();
        if (spec.indexOf(',') >= 0) return null;
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        long first;
        long last;
        if (a.isEmpty()) {
            long n = number(b);
            if (n < 0) return null;
            if (n == 0 || size == 0) return UNSATISFIABLE;
            first = Math.max(0, size - n);
            last = size - 1;
        } else {
            first = number(a);
            if (first < 0) return null;
            if (b.isEmpty()) {
                last = size - 1;
            } else {
                last = number(b);
                if (last < 0 || last < first) return null;
                last = Math.min(last, size - 1);
            }
            if (first >= size) return UNSATISFIABLE;
        }
        return new ByteRange(first, last);
    }

    /** A decimal number of at most 18 digits, or -1. */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) return -1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        return Long.parseLong(s);
    }
}
