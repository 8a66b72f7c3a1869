package dev.bootbench.clients;

/**
 * What a transferred file is to the boot (see {@link FileClassifier}). {@code DISK_IMAGE}: a disk or ISO image read
 * in parts by HTTP range requests as the booted system asks for them (iPXE's {@code sanboot}): no stage of its own.
 */
public enum FileKind { BOOT_PROGRAM, SCRIPT, KERNEL, INITRD, DISK_IMAGE, OTHER }
