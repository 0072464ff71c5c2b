package dev.beamlink.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.transport.DistChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inbound handshakes bounded per source address and in all, the oldest evicted (issue 14, item 1). */
class HandshakeAdmissionTest {

    /** A channel that only knows its peer's address and whether it was closed. */
    private static final class Channel implements DistChannel {
        private final SocketAddress remote;
        private volatile boolean open = true;

        Channel(String address) throws UnknownHostException {
            this.remote = new InetSocketAddress(InetAddress.getByName(address), 4000);
        }

        @Override
        public int read(ByteBuffer target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(ByteBuffer[] sources) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private static List<Channel> channels(String address, int count) throws UnknownHostException {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channels.add(new Channel(address));
        }
        return channels;
    }

    @Test
    void aNewHandshakeFromABusyAddressEvictsThatAddresssOldest() throws UnknownHostException {
        HandshakeAdmission admission = new HandshakeAdmission(3, 100);
        List<Channel> flood = channels("10.0.0.1", 3);
        flood.forEach(admission::admit);
        Channel other = new Channel("10.0.0.2");
        admission.admit(other);
        Channel newcomer = new Channel("10.0.0.1");
        admission.admit(newcomer);
        assertFalse(flood.get(0).isOpen(), "the address's oldest handshake was evicted");
        assertTrue(flood.get(1).isOpen() && flood.get(2).isOpen() && other.isOpen() && newcomer.isOpen());
        assertEquals(4, admission.running());
    }

    @Test
    void pastTheTotalTheOldestOfAllIsEvicted() throws UnknownHostException {
        HandshakeAdmission admission = new HandshakeAdmission(2, 3);
        Channel first = new Channel("10.0.0.1");
        Channel second = new Channel("10.0.0.2");
        Channel third = new Channel("10.0.0.3");
        for (Channel channel : List.of(first, second, third)) {
            admission.admit(channel);
        }
        Channel fourth = new Channel("10.0.0.4");
        admission.admit(fourth);
        assertFalse(first.isOpen());
        assertTrue(second.isOpen() && third.isOpen() && fourth.isOpen());
        assertEquals(3, admission.running());
    }

    @Test
    void aHandshakeThatEndsFreesItsPlace() throws UnknownHostException {
        HandshakeAdmission admission = new HandshakeAdmission(2, 10);
        List<Channel> two = channels("10.0.0.1", 2);
        HandshakeAdmission.Ticket done = admission.admit(two.get(0));
        admission.admit(two.get(1));
        done.close();
        done.close(); // idempotent
        Channel third = new Channel("10.0.0.1");
        admission.admit(third);
        assertTrue(two.get(1).isOpen() && third.isOpen(), "no eviction: the first handshake had ended");
        assertEquals(2, admission.running());
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() throws UnknownHostException {
        HandshakeAdmission admission = new HandshakeAdmission(2, 10);
        Channel a = new Channel("2001:db8:1:2::1");
        Channel b = new Channel("2001:db8:1:2:ffff::2");
        Channel elsewhere = new Channel("2001:db8:1:3::1");
        for (Channel channel : List.of(a, b, elsewhere)) {
            admission.admit(channel);
        }
        Channel c = new Channel("2001:db8:1:2:abcd::3");
        admission.admit(c);
        assertFalse(a.isOpen(), "one /64, one source");
        assertTrue(b.isOpen() && c.isOpen() && elsewhere.isOpen());
    }

    @Test
    void boundsThatContradictEachOtherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandshakeAdmission(5, 4));
        assertEquals("handshakes: 5 per address, 4 in all (expected: 1 <= per address <= in all)", e.getMessage());
    }
}
