package dev.beamlink.otp;

import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Down;
import dev.beamlink.node.Exit;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.Reasons;
import java.time.Duration;
import java.util.Optional;

/**
 * Terminates one child as OTP 25's {@code supervisor:shutdown/1} does: monitor it, send {@code kill}
 * ({@code brutal_kill}) or {@code shutdown} and wait for its end up to its shutdown time, then {@code kill}; then unlink
 * it and take its {@code 'EXIT'} out of the mailbox, whose reason, if any, is the one that counts.
 */
final class ChildTerminator {

    private ChildTerminator() {
    }

    /**
     * Terminates {@code child}, which runs, from the supervisor {@code self}. {@return empty if it ended as it should,
     * else the reason it ended with instead} ({@code {error, Reason}}: a shutdown error to report)
     */
    static Optional<Term> shutdown(Mailbox self, SupervisorChild child) {
        Pid pid = child.pid();
        Ref monitor = self.monitor(pid);
        ChildSpec.Shutdown how = child.spec().shutdown();
        if (how instanceof ChildSpec.Shutdown.BrutalKill) {
            self.exit(pid, Reasons.KILL);
            Term reason = unlinkFlush(self, pid, awaitDown(self, monitor, null).orElseThrow());
            return reason.equals(Reasons.KILLED) || endedOnItsOwn(child, reason) ? Optional.empty() : Optional.of(reason);
        }
        self.exit(pid, Reasons.SHUTDOWN);
        Duration limit = how instanceof ChildSpec.Shutdown.Timeout(Duration time) ? time : null;
        Optional<Term> down = awaitDown(self, monitor, limit);
        if (down.isEmpty()) {
            self.exit(pid, Reasons.KILL);
            down = awaitDown(self, monitor, null);
        }
        Term reason = unlinkFlush(self, pid, down.orElseThrow());
        return reason.equals(Reasons.SHUTDOWN) || endedOnItsOwn(child, reason) ? Optional.empty() : Optional.of(reason);
    }

    /** {@code shutdown} for a child that may end on its own: a clean end it chose is no error, unless it is permanent. */
    private static boolean endedOnItsOwn(SupervisorChild child, Term reason) {
        return !child.isPermanent() && isCleanEnd(reason);
    }

    /** {@return whether {@code reason} is {@code normal}, {@code shutdown} or {@code {shutdown, _}}} */
    static boolean isCleanEnd(Term reason) {
        return reason.equals(Reasons.NORMAL) || reason.equals(Reasons.SHUTDOWN)
                || reason instanceof Tuple t && t.isTagged(Reasons.SHUTDOWN, 2);
    }

    /** {@return the reason of the monitor's DOWN, waiting at most {@code limit} (null: as long as it takes)} */
    private static Optional<Term> awaitDown(Mailbox self, Ref monitor, Duration limit) {
        return self.receive(m -> m instanceof Down d && d.ref().equals(monitor) ? d.reason() : null,
                limit == null ? Gen.INFINITY : limit);
    }

    /**
     * supervisor:unlink_flush/2: unlinks the child, which guarantees that its {@code 'EXIT'} has arrived if it sent one,
     * and {@return that exit's reason, or {@code otherwise}}
     */
    private static Term unlinkFlush(Mailbox self, Pid pid, Term otherwise) {
        self.unlink(pid);
        return self.receive(m -> m instanceof Exit e && e.from().equals(pid) ? e.reason() : null, Duration.ZERO)
                .orElse(otherwise);
    }
}
