package dev.beamlink.otp;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.etf.Atom;
import dev.beamlink.etf.Etf;
import dev.beamlink.etf.Term;
import dev.beamlink.testing.Epmd;
import dev.beamlink.testing.ErlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's live nodes: an epmd of its own on loopback, and erl and beamlink nodes registered with it, all stopped
 * together. Erlang expressions take Java terms spliced in as {@code binary_to_term(<<...>>)} literals ({@link #eval}).
 */
final class LiveNodes implements AutoCloseable {

    private static final String COOKIE = "otp-supervisor-cookie";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Epmd epmd = Epmd.start();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** {@return a new erl node called {@code prefix...}, with {@code args} for erl} */
    ErlNode erl(String prefix, String... args) {
        ErlNode node = ErlNode.builder().name(prefix).cookie(COOKIE).epmd(epmd).args(args).start();
        opened.add(node);
        return node;
    }

    /** {@return a new beamlink node called {@code prefix...}} */
    DistributedNode java(String prefix) {
        try {
            DistributedNode node = DistributedNode.builder(prefix + "_" + ProcessHandle.current().pid() + "_"
                            + SEQUENCE.incrementAndGet() + "@localhost")
                    .cookie(COOKIE).epmdPort(epmd.port()).listenAddress(InetAddress.getLoopbackAddress()).start();
            opened.add(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Atom name(ErlNode node) {
        return Atom.of(node.nodeName());
    }

    /** {@return the value of {@code template} on {@code node}, each {@code %s} replaced by the next term} */
    static Term eval(ErlNode node, String template, Term... terms) {
        Object[] literals = new Object[terms.length];
        for (int i = 0; i < terms.length; i++) {
            literals[i] = literal(terms[i]);
        }
        return Etf.decode(node.eval(template.formatted(literals)).etf());
    }

    private static String literal(Term term) {
        StringBuilder out = new StringBuilder("binary_to_term(<<");
        byte[] bytes = Etf.encode(term);
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
        }
        return out.append(">>)").toString();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable node : opened.reversed()) {
            node.close();
        }
        epmd.close();
    }
}
