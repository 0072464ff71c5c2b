/**
 * The EPMD protocol: a client of {@code epmd} ({@link dev.beamlink.epmd.EpmdClient}: register, look up, list) and an
 * EPMD server a node can embed ({@link dev.beamlink.epmd.EpmdServer}).
 */
module dev.beamlink.epmd {
    requires org.slf4j;

    exports dev.beamlink.epmd;
}
