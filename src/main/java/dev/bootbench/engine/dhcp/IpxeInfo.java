package dev.bootbench.engine.dhcp;

import java.util.Map;

/**
 * What an iPXE client told us in option 175: its version (235), bus id (177) and the features it
 * was built with (e.g. http=1, efi=1, pxeext=2), keyed by iPXE's feature names.
 */
public record IpxeInfo(String version, String busId, Map<String, Integer> features) {
    public boolean has(String feature) {
        Integer v = features.get(feature);
        return v != null && v != 0;
    }
}
