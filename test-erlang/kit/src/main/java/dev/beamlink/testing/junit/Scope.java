package dev.beamlink.testing.junit;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.testing.Distribution;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.NodeNames;
import dev.beamlink.testing.OtpInstallation;
import dev.beamlink.testing.OtpRelease;
import dev.beamlink.testing.junit.Declaration.BeamlinkDeclaration;
import dev.beamlink.testing.junit.Declaration.ErlDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The nodes of one test class (its static fields and {@code @BeforeAll} parameters) or of one test (its instance
 * fields and parameters), known by name; a test's scope sees its class's. Closing a scope stops its nodes, beamlink
 * ones first, and the class's scope then stops the class's epmd.
 */
final class Scope implements AutoCloseable {

    private final Scope parent;
    private final Cluster cluster;
    private final Class<?> testClass;
    /** How much each node of the enclosing scopes had printed when this scope began. */
    private final Map<ErlNode, Long> outputMarks = new LinkedHashMap<>();
    private final Map<String, Started> nodes = new LinkedHashMap<>();
    /** The nodes started through {@link Nodes}, in the order they started. */
    private final List<AutoCloseable> more = new ArrayList<>();

    /** A started node and the declaration it was started for. */
    private sealed interface Started {
        Declaration declaration();
    }

    private record StartedErl(ErlDeclaration declaration, ErlNode node) implements Started {
    }

    private record StartedBeamlink(BeamlinkDeclaration declaration, DistributedNode node) implements Started {
    }

    /** The scope of a test class that no other encloses: it owns the class's cluster. */
    static Scope ofClass(Class<?> testClass) {
        return new Scope(null, new Cluster(testClass), testClass);
    }

    /** A scope inside {@code parent}: a test's, or a nested class's. */
    static Scope inside(Scope parent, Class<?> testClass) {
        return new Scope(parent, parent.cluster, testClass);
    }

    private Scope(Scope parent, Cluster cluster, Class<?> testClass) {
        this.parent = parent;
        this.cluster = cluster;
        this.testClass = testClass;
        if (parent != null) {
            parent.erlNodes().forEach(node -> outputMarks.put(node, node.outputMark()));
        }
    }

    Cluster cluster() {
        return cluster;
    }

    /** Starts the nodes of {@code declarations} that are not running yet: erl nodes first, then beamlink ones. */
    void startAll(List<Declaration> declarations) {
        declarations.stream().filter(d -> d instanceof ErlDeclaration).forEach(this::node);
        declarations.stream().filter(d -> d instanceof BeamlinkDeclaration).forEach(this::node);
    }

    /**
     * {@return the node of {@code declaration}: the one of its name in this scope or an enclosing one, else one
     * started in this scope}
     */
    synchronized Object node(Declaration declaration) {
        Optional<Started> known = find(declaration.name());
        if (known.isPresent()) {
            Declaration earlier = known.get().declaration();
            boolean sameKind = earlier.getClass() == declaration.getClass();
            if (!sameKind || !(declaration.namesOnly() || sameSpec(earlier, declaration))) {
                throw new ExtensionConfigurationException("node `" + declaration.name() + "` is declared twice with"
                        + " different options, by " + earlier.where() + " and by " + declaration.where()
                        + ": give one a name of its own (name = ...), or let the second state no options to mean the first");
            }
            return switch (known.get()) {
                case StartedErl erl -> erl.node();
                case StartedBeamlink beamlink -> beamlink.node();
            };
        }
        Started started = switch (declaration) {
            case ErlDeclaration erl -> new StartedErl(erl, startErl(erl));
            case BeamlinkDeclaration beamlink -> new StartedBeamlink(beamlink, startBeamlink(beamlink));
        };
        nodes.put(declaration.name(), started);
        return switch (started) {
            case StartedErl erl -> erl.node();
            case StartedBeamlink beamlink -> beamlink.node();
        };
    }

    private static boolean sameSpec(Declaration a, Declaration b) {
        return switch (a) {
            case ErlDeclaration erl -> b instanceof ErlDeclaration other && erl.spec().equals(other.spec());
            case BeamlinkDeclaration java -> b instanceof BeamlinkDeclaration other && java.spec().equals(other.spec());
        };
    }

    private synchronized Optional<Started> find(String name) {
        Started here = nodes.get(name);
        return here != null ? Optional.of(here) : parent != null ? parent.find(name) : Optional.empty();
    }

    /** {@return the erl nodes of this scope and the enclosing ones} */
    private synchronized List<ErlNode> erlNodes() {
        List<ErlNode> all = new ArrayList<>(parent != null ? parent.erlNodes() : List.of());
        nodes.values().forEach(started -> {
            if (started instanceof StartedErl erl) {
                all.add(erl.node());
            }
        });
        more.forEach(node -> {
            if (node instanceof ErlNode erl) {
                all.add(erl);
            }
        });
        return all;
    }

    /** {@return a builder of an erl node of this scope's cluster: its epmd, its cookie, its distribution} */
    private ErlNode.Builder erlBuilder(String name, String cookie) {
        ErlNode.Builder builder = ErlNode.builder().name(name).cookie(cookie).epmd(cluster.epmd());
        return cluster.distribution() == Distribution.TLS ? builder.tlsDistribution(cluster.tls().optFile()) : builder;
    }

    /**
     * {@return a builder of a beamlink node of this scope's cluster: a unique name (or {@code name} itself if it has a
     * host), its cookie, its epmd, loopback, its distribution}
     */
    private DistributedNode.Builder beamlinkBuilder(String name, String cookie, String host) {
        String fullName = name.contains("@") ? name
                : NodeNames.unique(name) + "@" + host;
        DistributedNode.Builder builder = DistributedNode.builder(fullName).cookie(cookie).epmdPort(cluster.epmd().port())
                .listenAddress(InetAddress.getLoopbackAddress());
        return cluster.distribution() == Distribution.TLS ? builder.transport(BeamlinkTls.transport(cluster.tls())) : builder;
    }

    /** Starts an erl node of {@link Nodes#erl}: the cluster's installation and settings, then {@code options}. */
    ErlNode startErl(String name, UnaryOperator<ErlNode.Builder> options) {
        ErlNode node = options.apply(erlBuilder(name, cluster.cookie()).installation(cluster.installation())).start();
        synchronized (this) {
            more.add(node);
        }
        return node;
    }

    /** Starts a beamlink node of {@link Nodes#beamlink}: the cluster's settings, then {@code options}. */
    DistributedNode startBeamlink(String name, UnaryOperator<DistributedNode.Builder> options) {
        DistributedNode node;
        try {
            node = options.apply(beamlinkBuilder(name, cluster.cookie(), "localhost")).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the beamlink node " + name, e);
        }
        synchronized (this) {
            more.add(node);
        }
        return node;
    }

    private ErlNode startErl(ErlDeclaration declaration) {
        Erl spec = declaration.spec();
        try {
            Optional<OtpRelease> release = declaration.release(cluster.release());
            OtpInstallation otp = spec.elixir() ? OtpInstallation.findElixir(release.orElse(OtpRelease.ANY))
                    : release.map(OtpInstallation::find).orElseGet(OtpInstallation::host);
            ErlNode node = erlBuilder(declaration.name(), cookie(spec.cookie())).hidden(spec.hidden())
                    .longNames(spec.longNames()).elixir(spec.elixir()).installation(otp).args(spec.args()).start();
            try {
                for (String resource : spec.load()) {
                    node.load(resourceFile(resource, otp));
                }
                return node;
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the node of " + declaration.where() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
    }

    private DistributedNode startBeamlink(BeamlinkDeclaration declaration) {
        Beamlink spec = declaration.spec();
        String cookie = cookie(spec.cookie());
        String host = spec.longNames() ? "127.0.0.1" : "localhost";
        DistributedNode.Builder builder = beamlinkBuilder(declaration.name(), cookie, host).hidden(spec.hidden())
                .longNames(spec.longNames());
        for (Class<? extends Consumer<DistributedNode.Builder>> options : spec.configure()) {
            instantiate(options, declaration).accept(builder);
        }
        DistributedNode node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the beamlink node of " + declaration.where(), e);
        }
        if (spec.connect()) {
            try {
                for (ErlNode erl : erlNodes()) {
                    if (erl.cookie().equals(cookie) && erl.nodeName().endsWith("@" + host) && !node.ping(erl.nodeName())) {
                        throw new IllegalStateException("the beamlink node of " + declaration.where() + " could not"
                                + " connect to " + erl + " (ping: pang); it printed:\n" + erl.recentOutput());
                    }
                }
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }
        return node;
    }

    private String cookie(String stated) {
        return stated.isEmpty() ? cluster.cookie() : stated;
    }

    private static <T> T instantiate(Class<T> type, Declaration declaration) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ExtensionConfigurationException(declaration.where() + ": cannot make " + type.getName()
                    + " (it needs a constructor without arguments)", e);
        }
    }

    /** {@return the class path resource as a file that {@code otp}'s nodes can be given} */
    private Path resourceFile(String resource, OtpInstallation otp) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = testClass.getClassLoader().getResource(name);
        if (url == null) {
            throw new ExtensionConfigurationException("no class path resource " + name + " to load");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = otp.newDirectory("resource").resolve(Path.of(name).getFileName().toString());
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource location " + url, e);
        }
    }

    /** Adds to {@code failure} what each node of this scope and the enclosing ones printed since this scope began. */
    void attachOutput(Throwable failure) {
        for (ErlNode node : erlNodes()) {
            String output = node.outputSince(outputMarks.getOrDefault(node, 0L));
            boolean attached = false;
            for (Throwable suppressed : failure.getSuppressed()) {
                attached |= suppressed instanceof NodeOutput earlier && earlier.nodeName().equals(node.nodeName());
            }
            if (!attached && !output.equals("(no output)")) {
                failure.addSuppressed(new NodeOutput(node, output));
            }
        }
    }

    /** Stops this scope's nodes, beamlink ones first, then (for a class that no other encloses) the epmd. */
    @Override
    public synchronized void close() {
        List<Started> started = new ArrayList<>(nodes.values());
        List<AutoCloseable> startedLater = new ArrayList<>(more);
        nodes.clear();
        more.clear();
        try {
            startedLater.reversed().stream().filter(node -> node instanceof DistributedNode)
                    .forEach(node -> ((DistributedNode) node).close());
            started.reversed().stream().filter(s -> s instanceof StartedBeamlink)
                    .forEach(s -> ((StartedBeamlink) s).node().close());
            startedLater.reversed().stream().filter(node -> node instanceof ErlNode).forEach(node -> ((ErlNode) node).close());
            started.reversed().stream().filter(s -> s instanceof StartedErl).forEach(s -> ((StartedErl) s).node().close());
        } finally {
            if (parent == null) {
                cluster.close();
            }
        }
    }
}
