package dev.bootbench.menu.pxelinux;

/** An element of the menu, in order: a LABEL or a MENU SEPARATOR directive. */
public sealed interface PxNode permits PxLabel, PxSeparator {}
