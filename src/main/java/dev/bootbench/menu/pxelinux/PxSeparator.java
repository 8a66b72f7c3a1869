package dev.bootbench.menu.pxelinux;

/** {@code MENU SEPARATOR}: a blank line in the menu. */
public record PxSeparator(PxDirective directive) implements PxNode {}
