package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Vigil-only AUTH PLAIN / LOGIN against GreenMail's implementation. */
class GreenMailAuthTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", "s3cret"));

    static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static SmtpOutcome deliver(String password, SmtpCredentials.Mechanism mechanism) throws Exception {
        SmtpSettings settings = SmtpSettings.of("127.0.0.1", "director1", "alerts@example.org",
                        List.of("ops@example.org"), "LVS_DEVEL")
                .withPort(GREEN_MAIL.getSmtp().getPort()).withTimeout(Duration.ofSeconds(5))
                .withExtensions(new SmtpExtensions(false, Optional.empty(),
                        Optional.of(new SmtpCredentials("alerts", password, mechanism))));
        MailMessage message = new MailMessage("[LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state",
                "=> VRRP Instance is now owning VRRP VIPs <=");
        byte[] data = SmtpData.render(settings.from(), settings.recipients(), message,
                ZonedDateTime.now(SmtpAlerterTest.CLOCK)).bytes();
        return new SmtpClient(group, settings).deliver(data).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(SmtpCredentials.Mechanism.class)
    void rightPasswordDelivers(SmtpCredentials.Mechanism mechanism) throws Exception {
        assertInstanceOf(SmtpOutcome.Delivered.class, deliver("s3cret", mechanism));
        assertEquals("[LVS_DEVEL] VRRP Instance VI_1 - Entering MASTER state",
                GREEN_MAIL.getReceivedMessages()[0].getSubject());
    }

    @ParameterizedTest
    @EnumSource(SmtpCredentials.Mechanism.class)
    void wrongPasswordIsRejectedAtAuth(SmtpCredentials.Mechanism mechanism) throws Exception {
        SmtpOutcome.Rejected rejected = assertInstanceOf(SmtpOutcome.Rejected.class, deliver("wrong", mechanism));
        assertEquals(SmtpStage.AUTH, rejected.stage());
        assertEquals(535, rejected.code());
        assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
    }

}
