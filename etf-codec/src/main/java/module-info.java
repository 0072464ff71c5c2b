/**
 * Erlang's External Term Format: the term model ({@link dev.beamlink.etf.Term} and its records), the codec
 * ({@link dev.beamlink.etf.EtfEncoder}, {@link dev.beamlink.etf.EtfDecoder}, {@link dev.beamlink.etf.Etf}) and the
 * standard order of terms. No I/O, no threads. Netty's {@code ByteBuf} is part of its API.
 */
module dev.beamlink.etf {
    requires transitive io.netty.buffer;

    exports dev.beamlink.etf;
    exports dev.beamlink.etf.mapping;
}
