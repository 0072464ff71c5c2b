package dev.beamlink.bench.codec;

import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (c) encoded into a new {@link CompositeByteBuf}, as the distribution layer frames large messages:
 * the 64 KiB binary becomes a component of its own (a read-only wrapper of its array), not a copy.
 * {@link CodecBench} sets it beside jinterface's {@code encodeReused}, which has to copy the payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompositeEncodeBenchmarks {

    private static final EtfEncoder ENCODER = EtfEncoder.defaults();

    private Term term;

    @Setup
    public void setUp() {
        term = CodecCases.term(CodecCases.BINARY_64K);
    }

    @Benchmark
    public CompositeByteBuf encodeCompositeBeamlink() {
        CompositeByteBuf buf = Unpooled.compositeBuffer();
        ENCODER.encode(term, buf);
        return buf;
    }
}
