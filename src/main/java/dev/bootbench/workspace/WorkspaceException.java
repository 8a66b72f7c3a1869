package dev.bootbench.workspace;

/** A workspace file that cannot be read or written; the message says which file and what to do. */
public final class WorkspaceException extends RuntimeException {
    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }

    public WorkspaceException(String message) {
        super(message);
    }
}
