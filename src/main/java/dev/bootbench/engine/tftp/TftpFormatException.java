package dev.bootbench.engine.tftp;

/** A datagram that is not a well-formed TFTP packet; the message says what is wrong with it. */
public final class TftpFormatException extends Exception {
    public TftpFormatException(String message) {
        super(message);
    }
}
