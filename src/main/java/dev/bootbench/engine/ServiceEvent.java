package dev.bootbench.engine;

import java.time.Instant;

/**
 * A service (dhcp, proxydhcp, tftp, http) changed state; {@code detail} says where it listens or why it failed.
 *
 * @param problem             why it failed or retries, as a kind to act on: {@link ServiceProblem#NONE} exactly when
 *                            the state is neither {@link State#FAILED} nor {@link State#RETRYING}
 * @param detailSaysWhatToDo  the detail already names the fix (e.g. which process holds the port and how to stop it),
 *                            so a view adds no advice of its own
 */
public record ServiceEvent(Instant time, ServiceName service, State state, String detail, ServiceProblem problem,
                           boolean detailSaysWhatToDo) implements EngineEvent {
    public enum State { STOPPED, STARTING, LISTENING, RETRYING, FAILED;

        /** Something is wrong: the event carries a {@link ServiceProblem}. */
        public boolean troubled() {
            return this == FAILED || this == RETRYING;
        }
    }

    public ServiceEvent {
        if (problem == null) problem = ServiceProblem.NONE;
        if (state.troubled() == (problem == ServiceProblem.NONE)) {
            throw new IllegalArgumentException(state + " with problem " + problem + ": a failed or retrying service needs a problem kind, no other state has one");
        }
    }

    /** A failed or retrying service whose detail leaves the fix to the view. */
    public ServiceEvent(Instant time, ServiceName service, State state, String detail, ServiceProblem problem) {
        this(time, service, state, detail, problem, false);
    }

    /** A service that is stopped, starting or listening. */
    public ServiceEvent(Instant time, ServiceName service, State state, String detail) {
        this(time, service, state, detail, ServiceProblem.NONE, false);
    }
}
