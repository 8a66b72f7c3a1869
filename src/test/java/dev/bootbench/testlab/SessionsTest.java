package dev.bootbench.testlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real-boot suite's reader of /_/api/sessions and its stage-order check. */
class SessionsTest {
    static final String BODY = """
            [{"mac":"52:54:00:77:00:03","stages":["DHCP","BOOT_PROGRAM","IPXE_DHCP","SCRIPT","KERNEL","INITRD","BOOTING"],
              "transfers":[{"protocol":"TFTP","path":"ipxe.efi","size":1024,"bytes":0,"status":"aborted"},
                           {"protocol":"TFTP","path":"ipxe.efi","size":1024,"bytes":1024,"status":"complete"},
                           {"protocol":"HTTP","path":"/vmlinuz","size":8247232,"status":"complete"}]},
             {"mac":"52:54:00:77:00:04","stages":[{"stage":"DHCP"},{"stage":"SCRIPT"}],"transfers":[]}]
            """;

    @Test
    void readsStagesAndTransfersPerMac() {
        List<Sessions.Session> all = Sessions.parse(BODY);
        Sessions.Session s = Sessions.forMac(all, "52:54:00:77:00:03", BODY);
        Sessions.assertStagesInOrder(s, List.of("DHCP", "BOOT_PROGRAM", "IPXE_DHCP", "SCRIPT", "KERNEL", "INITRD", "BOOTING"));
        Sessions.assertTransfer(s, "tftp", "ipxe.efi", 1024);
        Sessions.assertTransfer(s, "http", "vmlinuz", 8247232);
        assertEquals(List.of("DHCP", "SCRIPT"), Sessions.forMac(all, "52:54:00:77:00:04", BODY).stages());
    }

    @Test
    void stagesOutOfOrderOrMissingFail() {
        Sessions.Session s = Sessions.forMac(Sessions.parse(BODY), "52:54:00:77:00:03", BODY);
        assertThrows(AssertionError.class, () -> Sessions.assertStagesInOrder(s, List.of("SCRIPT", "DHCP")));
        assertThrows(AssertionError.class, () -> Sessions.assertStagesInOrder(s, List.of("DHCP", "MENU")));
        assertThrows(AssertionError.class, () -> Sessions.assertTransfer(s, "tftp", "ipxe.efi", 1025));
        assertThrows(AssertionError.class, () -> Sessions.assertTransfer(s, "http", "initrd.img", 1));
    }

    @Test
    void finishedTransferEventsWithTheTransferNested() {
        String body = """
                {"sessions":[{"mac":"52:54:00:77:00:03","stages":["DHCP","BOOT_PROGRAM"],"transfers":[
                  {"transfer":{"protocol":"TFTP","file":"ipxe.efi","size":1024},"outcome":"ABORTED_AFTER_OACK","bytesDone":0},
                  {"transfer":{"protocol":"TFTP","file":"ipxe.efi","size":1024},"outcome":"OK","bytesDone":1024}]}]}
                """;
        Sessions.Session s = Sessions.forMac(Sessions.parse(body), "52:54:00:77:00:03", body);
        assertEquals(2, s.transfers("ipxe.efi").size());
        assertEquals(1, s.transfers("ipxe.efi").stream().filter(Sessions.Transfer::wentThrough).count());
        Sessions.assertTransfer(s, "tftp", "ipxe.efi", 1024);
    }

    @Test
    void aBootSplitIntoTwoSessionsIsReported() {
        String body = """
                [{"id":1,"mac":"52:54:00:77:00:08","current":false,"stages":[{"stage":"DHCP"},{"stage":"BOOT_PROGRAM"}],"transfers":[]},
                 {"id":2,"mac":"52:54:00:77:00:08","current":true,"stages":[{"stage":"DHCP"},{"stage":"KERNEL"},{"stage":"INITRD"}],"transfers":[]}]
                """;
        List<Sessions.Session> all = Sessions.parse(body);
        Sessions.assertStagesInOrder(Sessions.merged(all, "52:54:00:77:00:08", body), List.of("DHCP", "BOOT_PROGRAM", "KERNEL", "INITRD"));
        AssertionError e = assertThrows(AssertionError.class, () -> Sessions.forMac(all, "52:54:00:77:00:08", body));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("2 sessions"), e.getMessage());
    }

    @Test
    void alternativesAndKeyedByMac() {
        String keyed = "{\"52:54:00:77:00:01\":{\"stages\":[\"IPXE_DHCP\",\"SCRIPT\"]}}";
        Sessions.Session s = Sessions.forMac(Sessions.parse(keyed), "52:54:00:77:00:01", keyed);
        Sessions.assertStagesInOrder(s, List.of("DHCP|IPXE_DHCP", "SCRIPT"));
    }
}
