package dev.bootbench.menu.archfixture;

import dev.bootbench.engine.net.MacAddress;

/** Breaks MENU_IS_A_LEAF: a menu class using the engine's types. */
public class MenuKnowsMacs {
    public String mac(String s) {
        return MacAddress.parse(s).toString();
    }
}
