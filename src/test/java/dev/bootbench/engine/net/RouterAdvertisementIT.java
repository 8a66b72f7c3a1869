package dev.bootbench.engine.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bootbench.testlab.Exec;
import dev.bootbench.testlab.Lab;
import dev.bootbench.testlab.Netns;
import dev.bootbench.testlab.Segment;
import dev.bootbench.testlab.ServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's "no IPv6 router here" answer, seen by a real solicitor (rdisc6), and harmless to hosts. */
class RouterAdvertisementIT {
    @TempDir
    Path tmp;

    @Test
    void aSolicitationGetsANoRouterNoDhcpv6Advertisement() throws Exception {
        Lab.requireRootAnd("ip", "rdisc6");
        try (Segment seg = new Segment()) {
            Netns srv = seg.host("srv", "bench0", "10.77.0.1/24");
            Netns cli = seg.host("cli", "eth0", null);
            try (ServeProcess s = ServeProcess.start(srv, tmp.resolve("serve.log"), "--iface", "bench0", "--dhcp", "off",
                    "--workspace", tmp.resolve("ws").toString())) {
                s.awaitLog(l -> l.contains("answering IPv6 router solicitations on bench0"), Duration.ofSeconds(10));
                awaitLinkLocal(cli, "eth0");
                awaitLinkLocal(srv, "bench0");
                Exec.Result r = cli.exec(Duration.ofSeconds(20), "rdisc6", "-1", "-w", "3000", "eth0");
                String out = r.stdout();
                assertTrue(out.contains("Stateful address conf.    :           No"), out + r.stderr());
                assertTrue(out.contains("Stateful other conf.      :           No"), out);
                assertTrue(out.contains("Router lifetime           :            0"), out);
                Thread.sleep(1500);
                String routes = cli.exec("ip", "-6", "route", "show").stdout();
                assertFalse(routes.contains("default"), "no host takes us as its IPv6 router: " + routes);
                String addrs = cli.exec("ip", "-6", "addr", "show", "dev", "eth0").stdout();
                assertFalse(addrs.contains("scope global"), "no host forms an address from us: " + addrs);
            }
        }
    }

    @Test
    void theSettingTurnsItOff() throws Exception {
        Lab.requireRootAnd("ip", "rdisc6");
        try (Segment seg = new Segment()) {
            Netns srv = seg.host("srv", "bench0", "10.77.0.1/24");
            Netns cli = seg.host("cli", "eth0", null);
            try (ServeProcess s = ServeProcess.start(srv, tmp.resolve("serve.log"), "--iface", "bench0", "--dhcp", "off",
                    "--router-advertisements", "off", "--workspace", tmp.resolve("ws").toString())) {
                awaitLinkLocal(cli, "eth0");
                Exec.Result r = cli.exec(Duration.ofSeconds(20), "rdisc6", "-1", "-w", "1500", "eth0");
                assertFalse(r.stdout().contains("Router lifetime"), "no advertisement when off: " + r.stdout());
                assertFalse(s.log().contains("answering IPv6"), s.log());
            }
        }
    }

    /**
     * The bench interface is deleted and made anew (a USB adapter unplugged and plugged in, a veth
     * re-created): advertisements resume on the new one, and the log says when it went and when it came back.
     */
    @Test
    void advertisementsResumeWhenTheInterfaceIsMadeAnew() throws Exception {
        Lab.requireRootAnd("ip", "rdisc6");
        try (Segment seg = new Segment()) {
            Netns srv = seg.host("srv", "bench0", "10.77.0.1/24");
            Netns cli = seg.host("cli", "eth0", null);
            try (ServeProcess s = ServeProcess.start(srv, tmp.resolve("serve.log"), "--iface", "bench0", "--dhcp", "off",
                    "--workspace", tmp.resolve("ws").toString())) {
                s.awaitLog(l -> l.contains("answering IPv6 router solicitations on bench0"), Duration.ofSeconds(10));
                awaitLinkLocal(cli, "eth0");
                awaitLinkLocal(srv, "bench0");
                assertTrue(cli.exec(Duration.ofSeconds(20), "rdisc6", "-1", "-w", "3000", "eth0").stdout().contains("Router lifetime"));
                srv.ip("link", "del", "bench0");
                Thread.sleep(3000);
                seg.attach(srv, "bench0", "10.77.0.1/24");
                awaitLinkLocal(srv, "bench0");
                awaitLinkLocal(cli, "eth0");
                Thread.sleep(3000); // the advertiser looks for its interface every 2 s
                Exec.Result r = cli.exec(Duration.ofSeconds(20), "rdisc6", "-1", "-w", "3000", "eth0");
                assertTrue(r.stdout().contains("Router lifetime           :            0"), "an advertisement on the new interface: "
                        + r.stdout() + r.stderr() + "\n" + s.log());
                assertTrue(s.log().contains("router advertisements resume when it is back"), s.log());
                assertTrue(s.log().contains("interface bench0 is back: answering IPv6 router solicitations on it again"), s.log());
            }
        }
    }

    /** IPv6 duplicate address detection keeps a new link-local address unusable for about a second. */
    static void awaitLinkLocal(Netns ns, String ifname) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String a = ns.exec("ip", "-6", "addr", "show", "dev", ifname).stdout();
            if (a.contains("fe80::") && !a.contains("tentative")) return;
            Thread.sleep(100);
        }
        throw new AssertionError(ifname + " never got a usable link-local address");
    }
}
