package dev.bootbench.engine.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A log line's time, {@code %bbtime{HH:mm:ss}} for {@code 12:34:56.789}: the option's pattern for the whole second,
 * then the milliseconds. The same text as {@code %d{HH:mm:ss.SSS}}, written another way: Logback keeps only the last
 * millisecond's text and formats every other with {@code java.time}, whose fraction of a second goes through
 * {@code BigDecimal} on JDK 17; this keeps the second's text and appends three digits. A server logs one line per
 * exchange, so that formatting was a good part of a log line's cost, and of what the JIT compiles while a fresh
 * {@code serve} answers its first clients (issue #19; src/bench/README.md, DHCP cold).
 */
public final class MillisTimestampConverter extends ClassicConverter {
    /** The second a text is of, and the text: replaced whole, so a reader on another thread sees one or the other. */
    private record Second(long epochSecond, String text) {}

    private final ZoneId zone;
    private DateTimeFormatter seconds;
    private volatile Second last = new Second(Long.MIN_VALUE, "");

    /** In the system's time zone, as Logback's {@code %d}: what Logback calls when a pattern names {@code %bbtime}. */
    public MillisTimestampConverter() {
        this(ZoneId.systemDefault());
    }

    MillisTimestampConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void start() {
        String pattern = getFirstOption();
        try {
            seconds = DateTimeFormatter.ofPattern(pattern == null || pattern.isBlank() ? "HH:mm:ss" : pattern)
                    .withZone(zone);
        } catch (IllegalArgumentException e) {
            addError("not a time pattern: " + pattern + " (" + e.getMessage() + "); HH:mm:ss instead");
            seconds = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        }
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return format(event.getTimeStamp());
    }

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Second s = last;
        if (s.epochSecond() != second) {
            s = new Second(second, seconds.format(Instant.ofEpochSecond(second)));
            last = s;
        }
        String text = s.text();
        StringBuilder b = new StringBuilder(text.length() + 4).append(text).append('.');
        b.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        return b.toString();
    }
}
