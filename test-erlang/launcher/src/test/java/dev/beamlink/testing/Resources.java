package dev.beamlink.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources as files. */
final class Resources {

    private Resources() {
    }

    static Path file(String name) {
        URL url = Resources.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }
}
