package dev.bootbench.cli;

import dev.bootbench.menu.Linter;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --format} option of the menu commands: the language a file is read or written as. */
final class Formats implements ITypeConverter<Linter.Type> {
    static final String NAMES = "ipxe|pxelinux|grub";

    @Override
    public Linter.Type convert(String format) {
        return switch (format) {
            case "ipxe" -> Linter.Type.IPXE;
            case "pxelinux" -> Linter.Type.PXELINUX;
            case "grub" -> Linter.Type.GRUB;
            default -> throw new TypeConversionException("ipxe, pxelinux or grub, not '" + format + "'");
        };
    }

    /** What shell completion offers. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("ipxe", "pxelinux", "grub").iterator();
        }
    }
}
