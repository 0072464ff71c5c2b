package dev.beamlink.global.internal;

import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Pid;
import dev.beamlink.etf.Term;
import dev.beamlink.etf.TermOrder;
import dev.beamlink.etf.Tuple;
import dev.beamlink.node.Mailbox;
import dev.beamlink.node.ProcessBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver of one connect session (global.erl's {@code resolver/2}): once both partitions are locked, it
 * compares the other partition's names with ours ({@code exchange_names/4}) in a process of its own, since resolving
 * a clash may call another node, and hands the server two lists: the operations for our partition and those for his.
 * The node with the smaller name resolves each clash; the other one leaves it to it.
 */
final class Resolver implements ProcessBody {

    /** {@code {resolve, NameList, Node}}: the server passes on his names. */
    record Resolve(List<NameEntry> names, Atom node) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);
    private static final Atom BADRPC = Atom.of("badrpc");

    private final Atom node;
    private final Term myTag;
    private final NameTable names;
    private final Pid server;

    Resolver(Atom node, Term myTag, NameTable names, Pid server) {
        this.node = node;
        this.myTag = myTag;
        this.names = names;
        this.server = server;
    }

    @Override
    public void run(Mailbox self) {
        while (true) {
            Object message = self.receive();
            if (message instanceof Resolve resolve && resolve.node().equals(node)) {
                List<NameOp> ops = new ArrayList<>();
                List<NameOp> resolved = new ArrayList<>();
                for (NameEntry his : resolve.names()) {
                    try {
                        compare(self, his, ops, resolved);
                    } catch (RuntimeException e) {
                        LOG.warn("global resolver for {}: the name {} could not be compared, left to the other side",
                                node, his.name(), e);
                    }
                }
                self.send(server, new ServerEvent.ExchangeOps(node, myTag, List.copyOf(ops), List.copyOf(resolved)));
                return;
            }
            LOG.debug("global resolver for {} ignored {}", node, message);
        }
    }

    private void compare(Mailbox self, NameEntry his, List<NameOp> ops, List<NameOp> resolved) {
        Optional<NameTable.Registration> mine = names.get(his.name());
        if (mine.isEmpty()) {
            ops.add(new NameOp.Insert(his));
            return;
        }
        Pid pid2 = mine.get().pid();
        if (pid2.equals(his.pid()) || TermOrder.STANDARD.compare(self.node().name(), node) >= 0) {
            return; // the same, or the other node resolves the clash
        }
        NameEntry ours = new NameEntry(his.name(), pid2, mine.get().method());
        Term answer = ResolveMethods.resolve(self, ours.method(), his.name(), his.pid(), pid2);
        if (answer.equals(his.pid())) {
            ops.add(new NameOp.Insert(his));
        } else if (answer.equals(pid2)) {
            resolved.add(new NameOp.Insert(ours));
        } else if (answer instanceof Tuple t && t.isTagged(BADRPC, 2)) {
            LOG.info("global: badrpc {} received when conflicting name {} was found", t.get(1), his.name());
            ops.add(new NameOp.Insert(his));
        } else {
            if (!answer.equals(GlobalTerms.NONE)) {
                LOG.info("global: resolve method {} for conflicting name {} returned {}", his.method(), his.name(), answer);
            }
            NameOp delete = new NameOp.Delete(his.name());
            ops.add(delete);
            resolved.add(delete);
        }
    }
}
