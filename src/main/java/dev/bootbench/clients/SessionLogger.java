package dev.bootbench.clients;

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
    public boolean followsEveryChange() {
        return false;
    }

    @Override
    public void stageReached(BootSession s, BootSession.StageReached st) {
        if (st.stage() == Stage.FAILED ? !log.isWarnEnabled() : !log.isInfoEnabled()) return;
        String line = line(s, st);
        if (st.stage() == Stage.FAILED) log.warn(line);
        else log.info(line);
    }

    /** {@code 52:54:00:77:00:01 (10.0.0.5) boot #3: KERNEL at +12.3 s: HTTP vmlinuz}, built without a format string (one per stage of every client). */
    static String line(BootSession s, BootSession.StageReached st) {
        StringBuilder b = new StringBuilder(96);
        b.append(s.mac() != null ? s.mac().toString() : "unknown MAC");
        if (s.address() != null) b.append(" (").append(s.address()).append(')');
        b.append(" boot #").append(s.boot()).append(": ").append(st.stage()).append(" at +");
        long tenths = (st.at().toMillis() + 50) / 100; // one decimal, rounded half up
        b.append(tenths / 10).append('.').append(tenths % 10).append(" s");
        if (st.detail() != null && !st.detail().isEmpty()) b.append(": ").append(st.detail());
        return b.toString();
    }
}
