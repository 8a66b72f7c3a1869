package dev.bootbench.engine;

/**
 * A TFTP or HTTP transfer began, progressed or ended. Per transfer: one {@link TransferStarted}
 * (only when the file was found and opened), {@link TransferProgress} at most about ten times a
 * second while bytes flow, and always exactly one {@link TransferFinished}, also for refused and
 * missing files.
 */
public sealed interface TransferEvent extends EngineEvent permits TransferStarted, TransferProgress, TransferFinished {
    Transfer transfer();
}
