package dev.vigil.daemon.run;

import dev.vigil.daemon.signal.DaemonSignal;
import dev.vigil.daemon.signal.SignalAction;
import dev.vigil.daemon.signal.SignalHandler;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's signal actions (keepalived's, reference §1.7): TERM / INT stop it, HUP does what
 * {@code ctl reload} does, USR1 writes the data dumps, USR2 the statistics file, STATS_CLEAR
 * writes it and clears the counters, the JSON signal writes {@code keepalived.json}. Runs on the
 * dispatcher's thread; each action is logged. Installed before the engines start: a stop
 * requested meanwhile takes effect as soon as start is done; other signals are ignored until then.
 */
final class DaemonSignals implements SignalHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonSignals.class);

    private final Daemon daemon;

    DaemonSignals(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public void onSignal(DaemonSignal signal) {
        LOG.info("received SIG{}", signal.signalName());
        if (signal.action() == SignalAction.STOP) {
            daemon.requestStop();
            return;
        }
        Optional<DaemonDumps> started = daemon.dumps();
        if (started.isEmpty()) {
            LOG.warn("SIG{} ignored: the daemon is still starting", signal.signalName());
            return;
        }
        DaemonDumps dumps = started.get();
        try {
            switch (signal.action()) {
                case STOP -> daemon.requestStop();
                case RELOAD -> daemon.reload();
                case DATA -> dumps.writeData().forEach(p -> LOG.info("data dump written to {}", p));
                case STATS -> LOG.info("statistics written to {}", dumps.writeStats());
                case STATS_CLEAR -> LOG.info("statistics written to {} and cleared", dumps.writeAndClearStats());
                case JSON -> LOG.info("JSON dump written to {}", dumps.writeJson());
            }
        } catch (IOException e) {
            LOG.warn("SIG{}: cannot write the dump: {}", signal.signalName(), e.getMessage());
        }
    }
}
