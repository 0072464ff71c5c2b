package dev.beamlink.interop;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Binary;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import dev.beamlink.node.SystemMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java process that a BEAM process drives: {@code {call, From, Ref, Command}} runs a command in it and answers
 * {@code {Ref, Result}}; every other message it receives ({@code {'EXIT', ...}}, {@code {'DOWN', ...}} or anything
 * sent to it) is kept, and the command {@code messages} hands them over.
 *
 * <table>
 *   <caption>Commands</caption>
 *   <tr><td>{@code {link, Pid}}, {@code {unlink, Pid}}</td><td>link/1, unlink/1: whether a link was made or removed</td></tr>
 *   <tr><td>{@code {monitor, Pid}}, {@code {monitor, Name, Node}}</td><td>monitor/2: the reference</td></tr>
 *   <tr><td>{@code {demonitor, Ref}}</td><td>demonitor/1</td></tr>
 *   <tr><td>{@code {exit, Pid, Reason}}</td><td>exit/2: {@code ok}</td></tr>
 *   <tr><td>{@code {register, Name}}</td><td>register/2: {@code ok}</td></tr>
 *   <tr><td>{@code messages}, {@code links}</td><td>the messages kept, oldest first; the linked pids</td></tr>
 *   <tr><td>{@code {exit, Reason}}, {@code {throw, Text}}, {@code return}</td><td>the process ends with Reason,
 *       with an IllegalStateException(Text), or normally; no answer</td></tr>
 * </table>
 */
final class PeerActor implements ProcessBody {

    private static final Atom CALL = Atom.of("call");
    private static final Atom OK = Atom.of("ok");

    private final boolean trapExit;
    private final Pid requester;
    private final Term requestRef;
    private final List<Term> kept = new ArrayList<>();

    /**
     * An actor that answers {@code {RequestRef, self()}} to {@code requester} once it traps exits or not as asked: an
     * exit signal sent on that answer finds the flag set (were the pid sent before the body ran, a {@code boom} could
     * end an actor meant to trap it).
     */
    PeerActor(boolean trapExit, Pid requester, Term requestRef) {
        this.trapExit = trapExit;
        this.requester = requester;
        this.requestRef = requestRef;
    }

    @Override
    public void run(Mailbox self) {
        self.trapExit(trapExit);
        self.send(requester, Tuple.of(requestRef, self.self()));
        while (true) {
            Object message = self.receive();
            if (message instanceof Tuple t && t.isTagged(CALL, 4) && t.get(1) instanceof Pid from) {
                Term result = run(self, t.get(3));
                if (result == null) {
                    return; // the command "return"
                }
                self.send(from, Tuple.of(t.get(2), result));
            } else {
                kept.add(message instanceof SystemMessage system ? system.toTerm() : (Term) message);
            }
        }
    }

    /** {@return the result of {@code command}, or null for the command that ends the process normally} */
    private Term run(Mailbox self, Term command) {
        return switch (command) {
            case Tuple t when t.isTagged(Atom.of("link"), 2) -> Atom.of(self.link((Pid) t.get(1)));
            case Tuple t when t.isTagged(Atom.of("unlink"), 2) -> Atom.of(self.unlink((Pid) t.get(1)));
            case Tuple t when t.isTagged(Atom.of("monitor"), 2) -> self.monitor((Pid) t.get(1));
            case Tuple t when t.isTagged(Atom.of("monitor"), 3) -> self.monitor((Atom) t.get(1), (Atom) t.get(2));
            case Tuple t when t.isTagged(Atom.of("demonitor"), 2) -> Atom.of(self.demonitor((Ref) t.get(1)));
            case Tuple t when t.isTagged(Atom.of("exit"), 3) -> {
                self.exit((Pid) t.get(1), t.get(2));
                yield OK;
            }
            case Tuple t when t.isTagged(Atom.of("register"), 2) -> {
                self.register((Atom) t.get(1));
                yield OK;
            }
            case Tuple t when t.isTagged(Atom.of("exit"), 2) -> throw self.exit(t.get(1));
            case Tuple t when t.isTagged(Atom.of("throw"), 2) && t.get(1) instanceof Binary text ->
                    throw new IllegalStateException(text.utf8());
            case Atom a when a.equals(Atom.of("messages")) -> ErlList.from(kept);
            case Atom a when a.equals(Atom.of("links")) -> ErlList.from(self.links());
            case Atom a when a.equals(Atom.of("return")) -> null;
            default -> Tuple.of(Atom.of("error"), Atom.of("unknown_command"), command);
        };
    }
}
