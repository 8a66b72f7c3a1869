package dev.bootbench.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What the window remembers between runs, stored as {@code ui.json} in the workspace. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class UiState {
    public static final int SCHEMA_VERSION = 1;
    public int schemaVersion = SCHEMA_VERSION;
    public double width = 1280;
    public double height = 800;
    /** NaN: let the window system place it. */
    public double x = Double.NaN;
    public double y = Double.NaN;
    public boolean maximized;
    /** servers, clients, menus, files or log. */
    public String view = "servers";
    /** light or dark. */
    public String theme = "light";
    public double clientsDivider = 0.62;
    public double serversDivider = 0.5;
    /** Folders the user pointed the boot-program finder at. */
    public java.util.List<String> bootProgramFolders = new java.util.ArrayList<>();
}
