package dev.bootbench.engine;

import java.time.Instant;

public record TransferStarted(Instant time, Transfer transfer) implements TransferEvent {}
