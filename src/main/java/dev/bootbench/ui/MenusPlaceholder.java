package dev.bootbench.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The Menus slot until the menu editor arrives with the menu engine. */
final class MenusPlaceholder {
    private MenusPlaceholder() {}

    static VBox create() {
        Label big = new Label("Boot menus");
        big.getStyleClass().add("placeholder-title");
        Label text = new Label("The iPXE and pxelinux menu editor comes with the menu engine.\n"
                + "Until then, iPXE clients get the boot script templates/boot.ipxe of the workspace "
                + "(a sample menu written on first run; edits apply to the next client).");
        text.getStyleClass().add("muted");
        text.setWrapText(true);
        text.setMaxWidth(520);
        VBox box = new VBox(12, big, text);
        box.setId("menus-view");
        box.getStyleClass().add("view");
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
