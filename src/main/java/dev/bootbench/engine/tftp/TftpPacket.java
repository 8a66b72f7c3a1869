package dev.bootbench.engine.tftp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TFTP packet (RFC 1350, options and OACK of RFC 2347). Option names are kept in lower case,
 * in the order the peer sent them. Decoding and encoding live in {@link TftpCodec}.
 */
public sealed interface TftpPacket {
    int RRQ = 1, WRQ = 2, DATA = 3, ACK = 4, ERROR = 5, OACK = 6;

    /**
     * A read or write request.
     *
     * @param optionProblem null, or what was wrong with the options part (an option without a value,
     *                      a missing terminator); the well-formed options before it are kept
     */
    record Request(boolean write, String filename, String mode, Map<String, String> options, String optionProblem)
            implements TftpPacket {
        public Request {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** A DATA packet; {@code block} is the 16-bit wire number (0..65535). */
    record Data(int block, byte[] payload) implements TftpPacket {
        @Override public boolean equals(Object o) {
            return o instanceof Data d && d.block == block && Arrays.equals(d.payload, payload);
        }

        @Override public int hashCode() {
            return block * 31 + Arrays.hashCode(payload);
        }

        @Override public String toString() {
            return "Data[block=" + block + ", " + payload.length + " bytes]";
        }
    }

    record Ack(int block) implements TftpPacket {}

    record Error(int code, String message) implements TftpPacket {}

    record Oack(Map<String, String> options) implements TftpPacket {
        public Oack {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** RFC 1350 error codes, plus 8 (option negotiation refused) of RFC 2347. */
    final class Errors {
        private Errors() {}

        public static final int NOT_DEFINED = 0, FILE_NOT_FOUND = 1, ACCESS_VIOLATION = 2, DISK_FULL = 3,
                ILLEGAL_OPERATION = 4, UNKNOWN_TID = 5, FILE_EXISTS = 6, NO_SUCH_USER = 7, OPTION_REFUSED = 8;
    }
}
