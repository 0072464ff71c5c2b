package dev.beamlink.otp;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Term;
import dev.beamlink.otp.internal.Printed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor's reports, with the fields and wording of OTP 25's ({@code supervisor:format_log/2}): a
 * {@code SUPERVISOR REPORT} at level error for {@code child_terminated}, {@code start_error}, {@code shutdown_error}
 * and {@code shutdown} ({@code reached_max_restart_intensity}), and a {@code PROGRESS REPORT} for each child started,
 * at level debug (OTP logs it at info, which its default logger level, notice, hides).
 */
final class SupervisorReports {

    static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    static final Atom CHILD_TERMINATED = Atom.of("child_terminated");
    static final Atom START_ERROR = Atom.of("start_error");
    static final Atom SHUTDOWN_ERROR = Atom.of("shutdown_error");
    static final Atom SHUTDOWN = Atom.of("shutdown");
    static final Atom REACHED_MAX_RESTART_INTENSITY = Atom.of("reached_max_restart_intensity");

    private SupervisorReports() {
    }

    /** {@return the text of a supervisor report} ({@code format_log_multi} of {@code {supervisor, Context}}) */
    static String errorText(Term supervisor, Atom context, Term reason, SupervisorChild offender) {
        return "SUPERVISOR REPORT\n    supervisor: " + supervisor + "\n    errorContext: " + context + "\n    reason: "
                + Printed.of(reason)
                + "\n    offender: " + offender.toOffender();
    }

    /** Logs a supervisor report at level error. */
    static void error(Term supervisor, Atom context, Term reason, SupervisorChild offender) {
        if (LOG.isErrorEnabled()) {
            LOG.error(errorText(supervisor, context, reason, offender));
        }
    }

    /** Logs a progress report: {@code child} has started. */
    static void progress(Term supervisor, SupervisorChild child) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("PROGRESS REPORT\n    supervisor: {}\n    started: {}", supervisor, child.toOffender());
        }
    }
}
