package dev.bootbench.clients;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each stage a client reaches, one line each, on logger {@code sessions}. */
public final class SessionLogger implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger("sessions");

    @Override
    public void sessionChanged(BootSession session) {
        // only stages are logged; transfers have their own lines
    }

    @Override
    public void stageReached(BootSession s, BootSession.StageReached st) {
        String who = s.mac() != null ? s.mac().toString() : "unknown MAC";
        if (s.address() != null) who += " (" + s.address() + ")";
        String line = String.format(Locale.ROOT, "%s boot #%d: %s at +%.1f s%s", who, s.id(), st.stage(),
                st.at().toMillis() / 1000.0, st.detail() == null || st.detail().isEmpty() ? "" : ": " + st.detail());
        if (st.stage() == Stage.FAILED) log.warn(line);
        else log.info(line);
    }
}
