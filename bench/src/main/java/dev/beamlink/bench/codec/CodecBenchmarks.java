package dev.beamlink.bench.codec;

import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpExternal;
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
 * Decode and encode of the four cases, beamlink beside jinterface's OtpInputStream/OtpOutputStream,
 * like with like. Decode: beamlink from a heap ByteBuf with shared binaries (the distribution layer's
 * path), jinterface from a byte[] (which it does not copy). Encode, two ways, each a whole external term
 * (version byte 131 first): {@code encode*} makes a new byte[] of exactly the term (beamlink's
 * {@code encode(Term)}; jinterface writes a new OtpOutputStream and copies its bytes out with
 * {@code toByteArray()}, as a caller that needs the bytes must); {@code encodeReused*} writes into one
 * buffer kept across calls and cleared before each (a heap ByteBuf; jinterface's OtpOutputStream after
 * {@code reset()}), the bytes left in it.
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
    private ByteBuf reusedBuf;
    private OtpOutputStream reusedStream;

    @Setup
    public void setUp() throws OtpErlangDecodeException {
        term = CodecCases.term(shape);
        bytes = ENCODER.encode(term);
        buf = Unpooled.wrappedBuffer(bytes);
        otpTerm = new OtpInputStream(bytes).read_any();
        reusedBuf = Unpooled.buffer(bytes.length);
        reusedStream = new OtpOutputStream(bytes.length);
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
    public byte[] encodeJinterface() {
        OtpOutputStream out = new OtpOutputStream();
        out.write1(OtpExternal.versionTag);
        out.write_any(otpTerm);
        return out.toByteArray();
    }

    @Benchmark
    public ByteBuf encodeReusedBeamlink() {
        reusedBuf.clear();
        ENCODER.encode(term, reusedBuf);
        return reusedBuf;
    }

    @Benchmark
    public OtpOutputStream encodeReusedJinterface() {
        reusedStream.reset();
        reusedStream.write1(OtpExternal.versionTag);
        reusedStream.write_any(otpTerm);
        return reusedStream;
    }
}
