package dev.bootbench.clients;

/** What a transferred file is to the boot (see {@link FileClassifier}). */
public enum FileKind { BOOT_PROGRAM, SCRIPT, KERNEL, INITRD, OTHER }
