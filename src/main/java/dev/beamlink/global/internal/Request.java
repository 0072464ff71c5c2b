package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.Tuple;

/**
 * The {@code gen_server:call}s that {@code global_name_server} answers: the registrars' and lockers' requests of
 * every node (sent with {@code gen_server:multi_call}), and the queries that node-local callers make.
 */
sealed interface Request {

    Atom REGISTER = Atom.of("register");
    Atom UNREGISTER = Atom.of("unregister");
    Atom REGISTER_EXT = Atom.of("register_ext");
    Atom SET_LOCK = Atom.of("set_lock");
    Atom DEL_LOCK = Atom.of("del_lock");
    Atom GET_KNOWN = Atom.of("get_known");
    Atom GET_SYNCED = Atom.of("get_synced");
    Atom GET_PROTOCOL_VERSION = Atom.of("get_protocol_version");
    Atom GET_NAMES_EXT = Atom.of("get_names_ext");

    /** {@code {register, Name, Pid, Method}}: answered {@code yes}. */
    record Register(NameEntry entry) implements Request {
        @Override
        public Term toTerm() {
            return Tuple.of(REGISTER, entry.name(), entry.pid(), entry.method());
        }
    }

    /** {@code {unregister, Name}}: answered {@code ok}. */
    record Unregister(Term name) implements Request {
        @Override
        public Term toTerm() {
            return Tuple.of(UNREGISTER, name);
        }
    }

    /** {@code {register_ext, Name, Pid, Method, RegNode}}: answered {@code yes}. */
    record RegisterExt(NameEntry entry, Atom regNode) implements Request {
        @Override
        public Term toTerm() {
            return Tuple.of(REGISTER_EXT, entry.name(), entry.pid(), entry.method(), regNode);
        }
    }

    /** {@code {set_lock, {ResourceId, LockRequesterId}}}: answered {@code true} or {@code false}. */
    record SetLock(LockId lock) implements Request {
        @Override
        public Term toTerm() {
            return Tuple.of(SET_LOCK, lock.toTerm());
        }
    }

    /** {@code {del_lock, {ResourceId, LockRequesterId}}}: answered {@code true}. */
    record DelLock(LockId lock) implements Request {
        @Override
        public Term toTerm() {
            return Tuple.of(DEL_LOCK, lock.toTerm());
        }
    }

    /** {@code get_known}, {@code get_synced}, {@code get_protocol_version}, {@code get_names_ext}. */
    record Query(Atom what) implements Request {
        @Override
        public Term toTerm() {
            return what;
        }
    }

    /** {@return the request as it travels} */
    Term toTerm();

    /** {@return the request {@code term} is} @throws GlobalTerms.MalformedMessage if global's server has no such call */
    static Request of(Term term) {
        if (term instanceof Atom what && (what.equals(GET_KNOWN) || what.equals(GET_SYNCED)
                || what.equals(GET_PROTOCOL_VERSION) || what.equals(GET_NAMES_EXT))) {
            return new Query(what);
        }
        if (term instanceof Tuple t && t.size() > 0 && t.get(0) instanceof Atom tag) {
            switch (tag.text()) {
                case "register" -> {
                    Tuple r = GlobalTerms.tuple(t, 4, "a register call");
                    return new Register(new NameEntry(r.get(1), GlobalTerms.pid(r.get(2), "the pid to register"), r.get(3)));
                }
                case "unregister" -> {
                    return new Unregister(GlobalTerms.tuple(t, 2, "an unregister call").get(1));
                }
                case "register_ext" -> {
                    Tuple r = GlobalTerms.tuple(t, 5, "a register_ext call");
                    return new RegisterExt(new NameEntry(r.get(1), GlobalTerms.pid(r.get(2), "the pid to register"), r.get(3)),
                            GlobalTerms.atom(r.get(4), "the registering node"));
                }
                case "set_lock" -> {
                    return new SetLock(LockId.of(GlobalTerms.tuple(t, 2, "a set_lock call").get(1)));
                }
                case "del_lock" -> {
                    return new DelLock(LockId.of(GlobalTerms.tuple(t, 2, "a del_lock call").get(1)));
                }
                default -> {
                    // Not one of ours: said below.
                }
            }
        }
        throw new GlobalTerms.MalformedMessage("not a call global_name_server answers: " + term);
    }
}
