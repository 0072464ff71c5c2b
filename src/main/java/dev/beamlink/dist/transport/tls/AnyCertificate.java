package dev.beamlink.dist.transport.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** {@code verify_none}: takes any certificate, and asks for none. */
final class AnyCertificate extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verify_none: taken as it is.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verify_none: taken as it is.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verify_none: taken as it is.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verify_none: taken as it is.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // verify_none: taken as it is.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // verify_none: taken as it is.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
