package dev.vigil.vrrp.runtime;

import static dev.vigil.vrrp.runtime.Packets.decoded;
import static dev.vigil.vrrp.runtime.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.time.FakeScheduler;
import dev.vigil.linux.rtnetlink.AddressPrefix;
import dev.vigil.linux.rtnetlink.Route;
import dev.vigil.linux.rtnetlink.RouteType;
import dev.vigil.linux.rtnetlink.RoutingRule;
import dev.vigil.vrrp.codec.AddressFamily;
import dev.vigil.vrrp.codec.Advertisement;
import dev.vigil.vrrp.codec.AuthData;
import dev.vigil.vrrp.codec.AuthType;
import dev.vigil.vrrp.codec.CheckVerdict.CheckReason;
import dev.vigil.vrrp.codec.DecodeResult.Decoded;
import dev.vigil.vrrp.codec.IpsecAhPacketEncoder;
import dev.vigil.vrrp.codec.Ipv4HeaderFields;
import dev.vigil.vrrp.codec.RxMeta;
import dev.vigil.vrrp.codec.UnicastPeer;
import dev.vigil.vrrp.codec.VrrpDecoder;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.codec.RejectReason;
import dev.vigil.vrrp.codec.VrrpVersion;
import dev.vigil.vrrp.fsm.VrrpState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One instance on a fake clock with fake seams: effects become the right I/O, in order. */
class InstanceDriverTest {

    private static final long SECOND = 1_000_000_000L;
    /** v2, priority 100: 3 × 1 s + (256 - 100)/256 s (RFC 3768 §6.1). */
    private static final long MASTER_DOWN = 3 * SECOND + 156 * SECOND / 256;
    private static final InetAddress VIP = v4("10.0.0.100");
    private static final VrrpInstanceSettings SETTINGS = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2,
            100, 100, List.of(VirtualAddress.of(VIP, 24))).withPassword("secret");

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeVrrpIo io = new FakeVrrpIo(v4("10.0.0.1"), null);
    private final RecordingListener listener = new RecordingListener();

    private InstanceDriver driver(VrrpInstanceSettings settings) {
        return new InstanceDriver(settings, io.advertSender(settings), io.vipApplier(settings), io.announcer(settings),
                clock, listener);
    }

    private static Advertisement advert(int priority, int intervalSeconds, String password) {
        return Advertisement.v2(51, priority, AuthType.PASS, AuthData.fromPassword(password), intervalSeconds,
                AddressFamily.IPV4, List.of(VIP));
    }

    @Test
    void backupBecomesMasterAfterMasterDownIntervalAndAdvertises() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        assertEquals(VrrpState.BACKUP, driver.state());
        clock.advance(MASTER_DOWN - 1);
        assertEquals(VrrpState.BACKUP, driver.state());
        clock.advance(1);
        assertEquals(VrrpState.MASTER, driver.state());
        // keepalived order: advert first, then VIPs, then the first GARP burst (5 rounds).
        List<String> kinds = io.actions.stream().map(FakeVrrpIo.Action::kind).toList();
        assertEquals(List.of("advert", "add", "announce", "announce", "announce", "announce", "announce"), kinds);
        clock.advance(SECOND);
        assertEquals(2, io.actions("advert").size());
        clock.advance(4 * SECOND);
        assertEquals(10, io.actions("announce").size(), "second burst garp_master_delay (5 s) later");
        InstanceSnapshot snapshot = driver.snapshot();
        assertEquals(1, snapshot.statistics().becameMaster());
        assertEquals(6, snapshot.statistics().advertsSent());
        assertEquals(List.of("VI_1 INIT->BACKUP STARTUP", "VI_1 BACKUP->MASTER MASTER_DOWN_TIMER"), listener.snapshot());
    }

    @Test
    void withoutAnAddressItIsInFaultUntilNewSeamsBringOneWhichAlsoBreaksPriorityTies() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        assertEquals(VrrpState.MASTER, driver.state());
        assertTrue(driver.followsInterfaceAddress());

        driver.renew(new InstanceDriver.Seams(new AddresslessSender("eth0", AddressFamily.IPV4),
                io.vipApplier(SETTINGS), io.announcer(SETTINGS)));
        assertEquals(VrrpState.FAULT, driver.state());
        assertTrue(driver.sourceMissing());
        assertEquals(1, io.actions("remove").size(), "the VIPs go");
        driver.interfaceChanged("eth0", true);
        assertEquals(VrrpState.FAULT, driver.state(), "a link report does not lift it");

        FakeVrrpIo renewed = new FakeVrrpIo(v4("10.0.0.7"), null);
        driver.renew(new InstanceDriver.Seams(renewed.advertSender(SETTINGS), renewed.vipApplier(SETTINGS),
                renewed.announcer(SETTINGS)));
        assertEquals(VrrpState.BACKUP, driver.state());
        assertEquals(v4("10.0.0.7"), driver.source());
        clock.advance(MASTER_DOWN);
        assertEquals(VrrpState.MASTER, driver.state());
        assertEquals(1, renewed.actions("add").size(), "the VIPs come back through the new seams");
        // Equal priority: the greater primary address wins (RFC 3768 6.4.3), ours is now 10.0.0.7.
        driver.received(decoded(advert(100, 1, "secret"), v4("10.0.0.5")));
        assertEquals(VrrpState.MASTER, driver.state(), "10.0.0.5 is below the new address 10.0.0.7");
        assertEquals(List.of("VI_1 INIT->BACKUP STARTUP", "VI_1 BACKUP->MASTER MASTER_DOWN_TIMER",
                "VI_1 MASTER->FAULT LINK_DOWN", "VI_1 FAULT->BACKUP LINK_UP",
                "VI_1 BACKUP->MASTER MASTER_DOWN_TIMER", "VI_1 lower 100"), listener.snapshot());
    }

    @Test
    void onlyAConfiguredSourceDoesNotFollowTheInterface() {
        assertTrue(!driver(SETTINGS.withUnicast(v4("10.0.0.1"), List.of(new UnicastPeer(v4("10.0.0.2"), 0, 255))))
                .followsInterfaceAddress());
        assertTrue(driver(VrrpInstanceSettings.of("V6", "eth0", 51, VrrpVersion.V3, 100, 100,
                List.of(VirtualAddress.of(InetAddress.ofLiteral("2001:db8::100"), 64)))).followsInterfaceAddress(),
                "an IPv6 instance sends from the interface's link-local address");
    }

    @Test
    void higherPriorityAdvertMakesTheMasterYieldAndReleaseItsVips() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        driver.received(decoded(advert(200, 1, "secret"), v4("10.0.0.2")));
        assertEquals(VrrpState.BACKUP, driver.state());
        assertEquals(1, io.actions("remove").size());
        InstanceSnapshot snapshot = driver.snapshot();
        assertEquals(1, snapshot.statistics().releasedMaster());
        assertEquals(1, snapshot.statistics().advertsReceived());
        assertEquals(v4("10.0.0.2"), snapshot.masterAddress().orElseThrow());
    }

    @Test
    void acceptedAdvertsKeepTheBackupQuiet() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        for (int i = 0; i < 10; i++) {
            clock.advance(SECOND);
            driver.received(decoded(advert(200, 1, "secret"), v4("10.0.0.2")));
        }
        clock.advance(MASTER_DOWN - 1);
        assertEquals(VrrpState.BACKUP, driver.state());
        assertEquals(10, driver.snapshot().statistics().advertsReceived());
        assertTrue(io.actions("advert").isEmpty());
    }

    @Test
    void refusedPacketsAreCountedPerReasonAndDoNotResetTheDownTimer() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        clock.advance(SECOND);
        driver.received(decoded(advert(200, 1, "wrong"), v4("10.0.0.2")));
        driver.received(decoded(advert(200, 2, "secret"), v4("10.0.0.2")));
        driver.received(decoded(Advertisement.v3(51, 200, 100, AddressFamily.IPV4, List.of(VIP)), v4("10.0.0.2")));
        driver.packetRejected(RejectReason.TTL_NOT_255, "TTL 254");
        driver.packetRejected(RejectReason.TTL_NOT_255, "TTL 254");
        InstanceStatistics stats = driver.snapshot().statistics();
        assertEquals(Map.of(CheckReason.AUTH_FAILURE, 1L, CheckReason.VERSION_MISMATCH, 1L), stats.checkRejects());
        assertEquals(Map.of(CheckReason.INTERVAL_MISMATCH, 1L), stats.checkDrops());
        assertEquals(Map.of(RejectReason.TTL_NOT_255, 2L), stats.packetRejects());
        assertEquals(0, stats.advertsReceived());
        assertEquals(List.of("VI_1 INIT->BACKUP STARTUP", "VI_1 refused AUTH_FAILURE", "VI_1 dropped INTERVAL_MISMATCH",
                "VI_1 refused VERSION_MISMATCH", "VI_1 rejected TTL_NOT_255", "VI_1 rejected TTL_NOT_255"),
                listener.snapshot());
        clock.advance(MASTER_DOWN - SECOND);
        assertEquals(VrrpState.MASTER, driver.state(), "none of them reset the master-down timer");
    }

    @Test
    void priorityZeroFromTheMasterLetsTheBackupTakeOverAfterSkewTime() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        driver.received(decoded(advert(200, 1, "secret"), v4("10.0.0.2")));
        clock.advance(SECOND);
        driver.received(decoded(advert(0, 1, "secret"), v4("10.0.0.2")));
        clock.advance(156 * SECOND / 256 - 1);
        assertEquals(VrrpState.BACKUP, driver.state());
        clock.advance(1);
        assertEquals(VrrpState.MASTER, driver.state());
        assertEquals(1, driver.snapshot().statistics().priorityZeroReceived());
    }

    @Test
    void shutdownResignsWithPriorityZeroAndReleasesOrKeepsTheVips() {
        InstanceDriver released = driver(SETTINGS);
        released.start(true);
        clock.advance(MASTER_DOWN);
        io.actions.clear();
        released.shutdown(false);
        assertEquals(VrrpState.STOPPED, released.state());
        assertEquals(List.of("advert", "remove"), io.actions.stream().map(FakeVrrpIo.Action::kind).toList());
        assertEquals(0, io.actions("advert").getFirst().priority());
        assertEquals(1, released.snapshot().statistics().priorityZeroSent());
        assertEquals(0, clock.pending(), "no timer left behind");

        FakeVrrpIo otherIo = new FakeVrrpIo(v4("10.0.0.1"), null);
        InstanceDriver kept = new InstanceDriver(SETTINGS, otherIo.advertSender(SETTINGS), otherIo.vipApplier(SETTINGS),
                otherIo.announcer(SETTINGS), clock, listener);
        kept.start(true);
        clock.advance(MASTER_DOWN);
        otherIo.actions.clear();
        kept.shutdown(true);
        assertEquals(List.of("advert"), otherIo.actions.stream().map(FakeVrrpIo.Action::kind).toList());
    }

    @Test
    void ioFailuresAreReportedAndTheInstanceGoesOn() {
        InstanceDriver driver = driver(SETTINGS);
        io.failSends = true;
        driver.start(true);
        clock.advance(MASTER_DOWN + 2 * SECOND);
        assertEquals(VrrpState.MASTER, driver.state());
        assertEquals(0, driver.snapshot().statistics().advertsSent());
        assertEquals(3, listener.snapshot().stream().filter(e -> e.equals("VI_1 failed send advert")).count());
        io.failSends = false;
        clock.advance(SECOND);
        assertEquals(1, driver.snapshot().statistics().advertsSent());
    }

    @Test
    void linkDownPutsTheMasterInFaultAndLinkUpBringsItBack() {
        InstanceDriver driver = driver(SETTINGS);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        driver.linkChanged(false);
        assertEquals(VrrpState.FAULT, driver.state());
        assertEquals(1, io.actions("remove").size());
        driver.received(decoded(advert(200, 1, "secret"), v4("10.0.0.2")));
        assertEquals(0, driver.snapshot().statistics().advertsReceived(), "FAULT ignores packets");
        driver.linkChanged(true);
        assertEquals(VrrpState.BACKUP, driver.state());
        clock.advance(MASTER_DOWN);
        assertEquals(VrrpState.MASTER, driver.state());
    }

    @Test
    void garpRoundsAreSpacedByTheGarpInterval() {
        VrrpInstanceSettings spaced = SETTINGS.withGarp(new GarpSettings(Duration.ZERO, 3, 0, Duration.ofMillis(100)));
        InstanceDriver driver = driver(spaced);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        assertEquals(1, io.actions("announce").size());
        clock.advance(100_000_000L);
        assertEquals(2, io.actions("announce").size());
        clock.advance(100_000_000L);
        assertEquals(3, io.actions("announce").size());
        clock.advance(10 * SECOND);
        assertEquals(3, io.actions("announce").size(), "no second burst with garp_master_delay 0");
    }

    /** An AH advert for VRID 51 from {@code source}, as the decoder hands it over. */
    private static Decoded ahAdvert(int priority, long sequence, String password, Inet4Address source) {
        Advertisement advert = Advertisement.v2(51, priority, AuthType.AH, AuthData.ZERO, 1, AddressFamily.IPV4,
                List.of(VIP));
        byte[] packet = IpsecAhPacketEncoder.encode(advert, new Ipv4HeaderFields(7, 255, source, VrrpWire.IPV4_GROUP),
                AuthData.fromPassword(password), sequence, false);
        return (Decoded) new VrrpDecoder().decode(packet, RxMeta.ipv4WithHeader());
    }

    @Test
    void ipsecAhMasterNumbersItsAdvertsAndContinuesAfterALowerPriorityOne() {
        VrrpInstanceSettings settings = VrrpInstanceSettings.of("VI_1", "eth0", 51, VrrpVersion.V2, 100, 100,
                List.of(VirtualAddress.of(VIP, 24))).withIpsecAh("secret");
        InstanceDriver driver = driver(settings);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        clock.advance(SECOND);
        assertEquals(List.of(1L, 2L), io.ahSequences, "keepalived's first AH advert carries 1");
        // keepalived vrrp_state_master_rx: the master takes the lower-priority advert's number
        // plus one, then answers it at once ("forcing new election"), so with number + 2.
        driver.received(ahAdvert(50, 40, "secret", v4("10.0.0.2")));
        assertEquals(List.of(1L, 2L, 42L), io.ahSequences);
        driver.received(ahAdvert(50, 40, "secret", v4("10.0.0.2")));
        driver.received(ahAdvert(200, 99, "other", v4("10.0.0.2")));
        assertEquals(VrrpState.MASTER, driver.state());
        assertEquals(Map.of(CheckReason.AH_SEQUENCE_REPLAYED, 1L, CheckReason.AH_ICV_MISMATCH, 1L),
                driver.snapshot().statistics().checkRejects());
        driver.received(ahAdvert(200, 43, "secret", v4("10.0.0.2")));
        assertEquals(VrrpState.BACKUP, driver.state());
        assertEquals(2, driver.snapshot().statistics().advertsReceived());
    }

    @Test
    void aMasterHoldsExcludedVipsRoutesAndRulesButAdvertisesOnlyItsVips() {
        InetAddress excluded = v4("10.0.9.9");
        VirtualRoute route = new VirtualRoute(Route.to(new AddressPrefix(v4("0.0.0.0"), 0)).via(v4("10.0.0.254"))
                .inTable(100), Optional.of("eth0"), false);
        RoutingRule rule = RoutingRule.from(new AddressPrefix(v4("10.0.0.0"), 24), 100);
        VrrpInstanceSettings settings = SETTINGS.withRouting(new InstanceRouting(
                List.of(VirtualAddress.of(excluded, 32)), List.of(route), List.of(rule)));
        InstanceDriver driver = driver(settings);
        driver.start(true);
        clock.advance(MASTER_DOWN);
        assertEquals(VrrpState.MASTER, driver.state());
        // keepalived vrrp_state_become_master: addresses (VIPs then eVIPs), then routes and rules.
        List<String> kinds = io.actions.stream().map(FakeVrrpIo.Action::kind).toList();
        assertEquals(List.of("advert", "add", "addRouting", "announce"), kinds.subList(0, 4));
        assertEquals(List.of(VIP, excluded), io.actions("add").getFirst().addresses());
        assertEquals(List.of(VIP, excluded), io.actions("announce").getFirst().addresses(), "eVIPs get GARPs too");
        assertEquals(List.of(VIP), io.actions("advert").getFirst().addresses(), "eVIPs are never advertised");
        assertEquals(List.of(new FakeVrrpIo.RoutingAction("VI_1", "add", List.of(route), List.of(rule))), io.routing);

        driver.received(decoded(advert(200, 1, "secret"), v4("10.0.0.2")));
        assertEquals(VrrpState.BACKUP, driver.state());
        // keepalived vrrp_restore_interface: rules and routes first, then the addresses.
        List<String> after = io.actions.stream().map(FakeVrrpIo.Action::kind)
                .filter(k -> k.startsWith("remove")).toList();
        assertEquals(List.of("removeRouting", "remove"), after);
        assertEquals(List.of(VIP, excluded), io.actions("remove").getFirst().addresses());
        assertEquals(new FakeVrrpIo.RoutingAction("VI_1", "remove", List.of(route), List.of(rule)),
                io.routing.getLast());
    }

    @Test
    void aFaultAndAStopReleaseTheRoutesAndKeepLeavesThem() {
        VirtualRoute route = new VirtualRoute(Route.to(new AddressPrefix(v4("10.5.0.0"), 16))
                .ofType(RouteType.BLACKHOLE), Optional.empty(), false);
        VrrpInstanceSettings settings = SETTINGS.withRouting(new InstanceRouting(List.of(), List.of(route),
                List.of()));
        InstanceDriver faulty = driver(settings);
        faulty.start(true);
        clock.advance(MASTER_DOWN);
        faulty.linkChanged(false);
        assertEquals(VrrpState.FAULT, faulty.state());
        assertEquals(List.of("add", "remove"), io.routing.stream().map(FakeVrrpIo.RoutingAction::kind).toList());
        faulty.linkChanged(true);
        clock.advance(MASTER_DOWN);
        assertEquals(VrrpState.MASTER, faulty.state());
        faulty.shutdown(false);
        assertEquals(List.of("add", "remove", "add", "remove"),
                io.routing.stream().map(FakeVrrpIo.RoutingAction::kind).toList());

        io.routing.clear();
        InstanceDriver kept = driver(settings);
        kept.start(true);
        clock.advance(MASTER_DOWN);
        kept.shutdown(true);
        assertEquals(List.of("add"), io.routing.stream().map(FakeVrrpIo.RoutingAction::kind).toList(),
                "--dont-release-vrrp leaves the routes as it leaves the VIPs");
    }
}
