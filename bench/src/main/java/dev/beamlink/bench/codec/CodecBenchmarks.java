package dev.beamlink.bench.codec;

import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpInputStream;
import com.ericsson.otp.erlang.OtpOutputStream;
import dev.beamlink.etf.EtfDecoder;
import dev.beamlink.etf.EtfEncoder;
import dev.beamlink.etf.Term;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode and encode of the four cases, beamlink beside jinterface's OtpInputStream/OtpOutputStream.
 * beamlink decodes from a heap ByteBuf with shared binaries (the distribution layer's path) and
 * encodes to a byte[]; jinterface decodes from a byte[] and encodes into an OtpOutputStream (its
 * buffer is not even copied out, which favours jinterface).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmarks {

    private static final EtfDecoder SHARING = EtfDecoder.builder().shareBinaries(true).build();
    private static final EtfEncoder ENCODER = EtfEncoder.defaults();

    @Param({CodecCases.MESSAGE, CodecCases.LIST_1000, CodecCases.BINARY_64K, CodecCases.MAP_1000})
    public String shape;

    private Term term;
    private byte[] bytes;
    private ByteBuf buf;
    private OtpErlangObject otpTerm;

    @Setup
    public void setUp() throws OtpErlangDecodeException {
        term = CodecCases.term(shape);
        bytes = ENCODER.encode(term);
        buf = Unpooled.wrappedBuffer(bytes);
        otpTerm = new OtpInputStream(bytes).read_any();
    }

    @Benchmark
    public Term decodeBeamlink() {
        buf.readerIndex(0);
        return SHARING.decode(buf);
    }

    @Benchmark
    public OtpErlangObject decodeJinterface() throws OtpErlangDecodeException {
        return new OtpInputStream(bytes).read_any();
    }

    @Benchmark
    public byte[] encodeBeamlink() {
        return ENCODER.encode(term);
    }

    @Benchmark
    public OtpOutputStream encodeJinterface() {
        return new OtpOutputStream(otpTerm);
    }
}
