package dev.bootbench.engine;

import java.time.Instant;

/** {@code bytesDone}: bytes the client has acknowledged (TFTP) or the server has written (HTTP). */
public record TransferProgress(Instant time, Transfer transfer, long bytesDone) implements TransferEvent {}
