package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import dev.beamlink.testing.Await;
import dev.beamlink.testing.ErlNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The five-process scenario of the lesson seed, driven from a Java process: the same steps as
 * {@code test-erlang/src/main/erlang/five_process_scenario.erl}, and the outcome printed the same way. The members
 * speak that module's protocol ({@code {link_to, Pids, From}}, {@code {report, From}}, {@code {finish, How}}), so
 * each of them may be a Java process or a BEAM one ({@code five_process_scenario:member/1}), as a {@link Placement}
 * decides.
 */
public final class FiveProcessScenario {

    /** How W2 ends. */
    public enum Ending {
        NORMAL("normal"), REASON("reason"), KILLED("killed"), EXIT_KILL("exit_kill");

        /** The atom five_process_scenario:run/1 takes. */
        public final String erlang;

        Ending(String erlang) {
            this.erlang = erlang;
        }
    }

    /** Starts a member of the scenario. */
    @FunctionalInterface
    public interface Placement {
        /** {@return the pid of a new member named {@code name}, trapping exits if {@code trap}, started by {@code driver}} */
        Pid start(Mailbox driver, String name, boolean trap);
    }

    /** The members W1, W2, W3 (workers) and S4, S5 (system processes, which trap exits). */
    public static final List<String> NAMES = List.of("w1", "w2", "w3", "s4", "s5");

    private static final Atom LINK_TO = Atom.of("link_to");
    private static final Atom LINKED = Atom.of("linked");
    private static final Atom REPORT = Atom.of("report");
    private static final Atom FINISH = Atom.of("finish");
    private static final Atom EXIT = Atom.of("exit");

    /** What a live OTP 25 node gives (docs/semantics.md: a trapping S4 is not killed by a killed W2). */
    public static final Map<Ending, String> OBSERVED_ON_BEAM = new EnumMap<>(Map.of(
            Ending.NORMAL, "w1=alive[] w2=dead(normal) w3=alive[] s4=alive[{'EXIT',w2,normal}] s5=alive[]",
            Ending.REASON, "w1=dead(some_reason) w2=dead(some_reason) w3=alive[] s4=alive[{'EXIT',w2,some_reason}] s5=alive[]",
            Ending.KILLED, "w1=dead(killed) w2=dead(killed) w3=alive[] s4=alive[{'EXIT',w2,killed}] s5=alive[]",
            Ending.EXIT_KILL, "w1=dead(kill) w2=dead(kill) w3=alive[] s4=alive[{'EXIT',w2,kill}] s5=alive[]"));

    private FiveProcessScenario() {
    }

    /** {@return the outcome of the pure BEAM run on {@code erl}: five_process_scenario:run/1} */
    public static String runOnBeam(ErlNode erl, Ending ending) {
        return erlString(erl.eval("five_process_scenario:run(" + ending.erlang + ").").etf());
    }

    /** {@return the text of an Erlang string from its term_to_binary: STRING_EXT (107), 2-byte length, the bytes} */
    private static String erlString(byte[] etf) {
        if (etf.length < 4 || (etf[0] & 0xFF) != 131 || etf[1] != 107) {
            throw new AssertionError("not an Erlang string of bytes: " + Arrays.toString(etf));
        }
        int length = ((etf[2] & 0xFF) << 8) | (etf[3] & 0xFF);
        return new String(etf, 4, length, StandardCharsets.ISO_8859_1);
    }

    /** {@return every member a Java process} */
    public static Placement allJava() {
        return (driver, name, trap) -> driver.spawn(member(trap));
    }

    /** {@return the outcome, as five_process_scenario:run/1 prints it} */
    public static String run(Node node, Ending ending, Placement placement) {
        try (Mailbox driver = node.mailbox()) {
            Map<String, Pid> byName = new LinkedHashMap<>();
            Map<String, Ref> monitors = new LinkedHashMap<>();
            for (String name : NAMES) {
                Pid pid = placement.start(driver, name, name.startsWith("s"));
                byName.put(name, pid);
                monitors.put(name, driver.monitor(pid));
            }
            linkUp(driver, byName, "w2", List.of("w1", "s4"));
            linkUp(driver, byName, "s4", List.of("w3", "s5"));
            Pid w2 = byName.get("w2");
            switch (ending) {
                case NORMAL -> driver.send(w2, Tuple.of(FINISH, Reasons.NORMAL));
                case REASON -> driver.send(w2, Tuple.of(FINISH, Tuple.of(EXIT, Atom.of("some_reason"))));
                case KILLED -> driver.exit(w2, Reasons.KILL);
                case EXIT_KILL -> driver.send(w2, Tuple.of(FINISH, Tuple.of(EXIT, Reasons.KILL)));
            }
            // Settled once each member the BEAM run saw die has died (its DOWN is put back for outcome()), and a quiet
            // period has passed in which anything else, expected or not, would show.
            for (String name : NAMES) {
                if (OBSERVED_ON_BEAM.get(ending).contains(name + "=dead")) {
                    Ref ref = monitors.get(name);
                    driver.send(driver.self(), Probes.await(driver, m -> m instanceof Down d && d.ref().equals(ref) ? d : null));
                }
            }
            Await.quietPeriod();
            Map<Pid, Atom> rename = new LinkedHashMap<>();
            byName.forEach((name, pid) -> rename.put(pid, Atom.of(name)));
            List<String> parts = new ArrayList<>();
            for (String name : NAMES) {
                parts.add(outcome(driver, name, byName.get(name), monitors.get(name), rename));
            }
            return String.join(" ", parts);
        }
    }

    /** A Java member: five_process_scenario:member/1 in Java. */
    private static ProcessBody member(boolean trap) {
        return self -> {
            self.trapExit(trap);
            List<Term> got = new ArrayList<>();
            while (true) {
                Object message = self.receive();
                if (message instanceof Tuple t && t.isTagged(LINK_TO, 3) && t.get(1) instanceof ErlList peers
                        && t.get(2) instanceof Pid from) {
                    peers.elements().forEach(peer -> self.link((Pid) peer));
                    self.send(from, Tuple.of(LINKED, self.self()));
                } else if (message instanceof Tuple t && t.isTagged(REPORT, 2) && t.get(1) instanceof Pid from) {
                    self.send(from, Tuple.of(REPORT, self.self(), ErlList.from(got)));
                } else if (message instanceof Tuple t && t.isTagged(FINISH, 2)) {
                    if (t.get(1) instanceof Tuple how && how.isTagged(EXIT, 2)) {
                        throw self.exit(how.get(1));
                    }
                    return;
                } else {
                    got.add(message instanceof SystemMessage system ? system.toTerm() : Term.from(message));
                }
            }
        };
    }

    private static void linkUp(Mailbox driver, Map<String, Pid> byName, String name, List<String> peers) {
        Pid pid = byName.get(name);
        driver.send(pid, Tuple.of(LINK_TO, ErlList.from(peers.stream().map(byName::get).toList()), driver.self()));
        Probes.await(driver, m -> m instanceof Tuple t && t.isTagged(LINKED, 2) && t.get(1).equals(pid) ? m : null);
    }

    private static String outcome(Mailbox driver, String name, Pid pid, Ref ref, Map<Pid, Atom> rename) {
        Optional<Down> down = driver.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null, Duration.ZERO);
        if (down.isPresent()) {
            return name + "=dead(" + rename(down.get().reason(), rename) + ")";
        }
        driver.send(pid, Tuple.of(REPORT, driver.self()));
        Object answer = Probes.await(driver, m -> m instanceof Tuple t && t.isTagged(REPORT, 3) && t.get(1).equals(pid) ? m
                : m instanceof Down d && d.ref().equals(ref) ? m : null);
        return switch (answer) {
            case Tuple report -> name + "=alive" + rename(report.get(2), rename);
            case Down d -> name + "=dead(" + rename(d.reason(), rename) + ")";
            default -> throw new IllegalStateException(String.valueOf(answer));
        };
    }

    private static Term rename(Term term, Map<Pid, Atom> rename) {
        return switch (term) {
            case Pid pid -> rename.getOrDefault(pid, Atom.of(pid.toString()));
            case Tuple tuple -> new Tuple(tuple.elements().stream().map(t -> rename(t, rename)).toList());
            case ErlList list -> new ErlList(list.elements().stream().map(t -> rename(t, rename)).toList(), list.tail());
            default -> term;
        };
    }
}
