package dev.bootbench.menu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client a simulation runs for: firmware platform, CPU architecture, what DHCP gave it, and the user's input:
 * answers to {@code read} / {@code prompt} (in order) and the menu items to choose (in order; when they run out,
 * a menu with a timeout takes its default, as after its timeout; an iPXE menu without one is where the client waits,
 * and the iPXE simulation ends there with {@link FinalAction.Kind#WAIT}).
 *
 * @param options further settings by name: numeric DHCP options ({@code "15"}), {@code proxydhcp/next-server}, ...
 */
public record ClientProfile(Platform platform, Arch arch, String mac, String ip, String netmask, String gateway, String dns,
        String domain, String nextServer, String filename, Map<String, String> options, List<String> answers, List<String> choices) {
    public ClientProfile {
        if (platform == null) platform = Platform.PCBIOS;
        if (arch == null) arch = Arch.X86_64;
        if (mac == null) mac = "52:54:00:12:34:56";
        mac = mac.toLowerCase(Locale.ROOT).replace('-', ':');
        if (ip == null) ip = "192.168.1.50";
        if (netmask == null) netmask = "255.255.255.0";
        if (gateway == null) gateway = "192.168.1.1";
        if (dns == null) dns = gateway;
        if (domain == null) domain = "lab";
        if (nextServer == null) nextServer = "192.168.1.10";
        if (filename == null) filename = "";
        options = options == null ? Map.of() : Map.copyOf(options);
        answers = answers == null ? List.of() : List.copyOf(answers);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static ClientProfile of(Platform platform, Arch arch) {
        return new ClientProfile(platform, arch, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ClientProfile withChoices(String... c) {
        return new ClientProfile(platform, arch, mac, ip, netmask, gateway, dns, domain, nextServer, filename, options, answers, List.of(c));
    }

    public ClientProfile withAnswers(String... a) {
        return new ClientProfile(platform, arch, mac, ip, netmask, gateway, dns, domain, nextServer, filename, options, List.of(a), choices);
    }

    public ClientProfile withNetwork(String mac, String ip, String nextServer) {
        return new ClientProfile(platform, arch, mac, ip, netmask, gateway, dns, domain, nextServer, filename, options, answers, choices);
    }

    /** The settings iPXE would have after DHCP, by name. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("platform", platform.id());
        s.put("buildarch", arch.id());
        s.put("mac", mac);
        s.put("ip", ip);
        s.put("netmask", netmask);
        s.put("gateway", gateway);
        s.put("dns", dns);
        s.put("domain", domain);
        s.put("next-server", nextServer);
        s.put("filename", filename);
        s.put("1", netmask);
        s.put("3", gateway);
        s.put("6", dns);
        s.put("15", domain);
        s.put("67", filename);
        s.put("version", "1.21.1");
        s.put("manufacturer", "Bootbench");
        s.put("product", "Simulated client");
        s.putAll(options);
        return s;
    }
}
