package dev.beamlink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code ssl_dist_optfile} as the nodes of an installation must see it: its file options ({@code certfile},
 * {@code keyfile}, {@code cacertfile} ...) name files by absolute paths, which a Debian root sees only in copies inside
 * it. The host's nodes read the optfile as it is.
 */
final class SslDistOptFiles {

    /** An Erlang string that is an absolute path without quotes or backslashes in it. */
    private static final Pattern QUOTED_PATH = Pattern.compile("\"(/[^\"\\\\]*)\"");

    private SslDistOptFiles() {
    }

    /**
     * {@return the path by which {@code installation}'s nodes read {@code optFile}: the file itself if they see every
     * file it names as it is named, else a copy that names the files where they see them}
     */
    static String pathFor(Path optFile, OtpInstallation installation) {
        try {
            String text = Files.readString(optFile, StandardCharsets.UTF_8);
            Matcher quoted = QUOTED_PATH.matcher(text);
            StringBuilder seen = new StringBuilder(text.length());
            boolean moved = false;
            while (quoted.find()) {
                String named = quoted.group(1);
                String there = Files.exists(Path.of(named)) ? installation.pathFor(Path.of(named)) : named;
                moved |= !there.equals(named);
                quoted.appendReplacement(seen, Matcher.quoteReplacement("\"" + there + "\""));
            }
            quoted.appendTail(seen);
            if (!moved) {
                return installation.pathFor(optFile);
            }
            Path copy = installation.newDirectory("ssl-dist").resolve(optFile.getFileName().toString());
            Files.writeString(copy, seen, StandardCharsets.UTF_8);
            return installation.pathFor(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ssl_dist_optfile " + optFile, e);
        }
    }
}
