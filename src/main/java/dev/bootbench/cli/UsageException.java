package dev.bootbench.cli;

/** Wrong words on the command line; the message says which and what is expected. Exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
