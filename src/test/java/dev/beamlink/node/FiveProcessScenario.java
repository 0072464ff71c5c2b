package dev.beamlink.node;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.ErlList;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Ref;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The five-process scenario of the lesson seed, with Java processes: the same steps as
 * {@code test-erlang/src/main/erlang/five_process_scenario.erl}, and the outcome printed the same way.
 */
final class FiveProcessScenario {

    /** How W2 ends. */
    enum Ending {
        NORMAL("normal"), REASON("reason"), KILLED("killed"), EXIT_KILL("exit_kill");

        /** The atom five_process_scenario:run/1 takes. */
        final String erlang;

        Ending(String erlang) {
            this.erlang = erlang;
        }
    }

    private static final List<String> NAMES = List.of("w1", "w2", "w3", "s4", "s5");
    private static final Duration SETTLE = Duration.ofMillis(500);

    private record LinkTo(List<Pid> peers, Pid from) {
    }

    private record Linked(Pid who) {
    }

    private record Report(Pid from) {
    }

    private record Reported(Pid who, List<Object> got) {
    }

    private record Finish(Term reason) {
    }

    private FiveProcessScenario() {
    }

    /** {@return the outcome, as five_process_scenario:run/1 prints it} */
    static String run(Node node, Ending ending) {
        try (Mailbox driver = node.mailbox()) {
            Map<String, Pid> byName = new LinkedHashMap<>();
            Map<String, Ref> monitors = new LinkedHashMap<>();
            for (String name : NAMES) {
                Pid pid = driver.spawn(member(name.startsWith("s")));
                byName.put(name, pid);
                monitors.put(name, driver.monitor(pid));
            }
            linkUp(driver, byName, "w2", List.of("w1", "s4"));
            linkUp(driver, byName, "s4", List.of("w3", "s5"));
            Pid w2 = byName.get("w2");
            switch (ending) {
                case NORMAL -> driver.send(w2, new Finish(Reasons.NORMAL));
                case REASON -> driver.send(w2, new Finish(Atom.of("some_reason")));
                case KILLED -> driver.exit(w2, Reasons.KILL);
                case EXIT_KILL -> driver.send(w2, new Finish(Reasons.KILL));
            }
            Ref w2Monitor = monitors.get("w2");
            Down w2Down = Probes.await(driver, m -> m instanceof Down d && d.ref().equals(w2Monitor) ? d : null);
            driver.send(driver.self(), w2Down);
            Probes.sleep(SETTLE);
            Map<Pid, Atom> rename = new LinkedHashMap<>();
            byName.forEach((name, pid) -> rename.put(pid, Atom.of(name)));
            List<String> parts = new ArrayList<>();
            for (String name : NAMES) {
                parts.add(outcome(driver, name, byName.get(name), monitors.get(name), rename));
            }
            return String.join(" ", parts);
        }
    }

    private static ProcessBody member(boolean trap) {
        return self -> {
            self.trapExit(trap);
            List<Object> got = new ArrayList<>();
            while (true) {
                switch (self.receive()) {
                    case LinkTo(List<Pid> peers, Pid from) -> {
                        peers.forEach(self::link);
                        self.send(from, new Linked(self.self()));
                    }
                    case Report(Pid from) -> self.send(from, new Reported(self.self(), List.copyOf(got)));
                    case Finish(Term reason) -> {
                        if (reason.equals(Reasons.NORMAL)) {
                            return;
                        }
                        throw self.exit(reason);
                    }
                    case Object other -> got.add(other);
                }
            }
        };
    }

    private static void linkUp(Mailbox driver, Map<String, Pid> byName, String name, List<String> peers) {
        Pid pid = byName.get(name);
        driver.send(pid, new LinkTo(peers.stream().map(byName::get).toList(), driver.self()));
        Probes.await(driver, m -> m instanceof Linked(Pid who) && who.equals(pid) ? m : null);
    }

    private static String outcome(Mailbox driver, String name, Pid pid, Ref ref, Map<Pid, Atom> rename) {
        Optional<Down> down = driver.receive(m -> m instanceof Down d && d.ref().equals(ref) ? d : null, Duration.ZERO);
        if (down.isPresent()) {
            return name + "=dead(" + rename(down.get().reason(), rename) + ")";
        }
        driver.send(pid, new Report(driver.self()));
        Object answer = Probes.await(driver, m -> m instanceof Reported r && r.who().equals(pid) ? m
                : m instanceof Down d && d.ref().equals(ref) ? m : null);
        return switch (answer) {
            case Reported(Pid who, List<Object> got) -> name + "=alive"
                    + rename(ErlList.from(got.stream().map(FiveProcessScenario::asTerm).toList()), rename);
            case Down d -> name + "=dead(" + rename(d.reason(), rename) + ")";
            default -> throw new IllegalStateException(String.valueOf(answer));
        };
    }

    private static Term asTerm(Object message) {
        return message instanceof SystemMessage system ? system.toTerm() : Term.from(message);
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
