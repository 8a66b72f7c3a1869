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
                + "Until then, clients get Bootbench's default iPXE script, or the boot program and script set in Servers.");
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
