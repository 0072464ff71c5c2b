package dev.beamlink.testing.junit;

import dev.beamlink.dist.DistributedNode;
import dev.beamlink.testing.ErlNode;
import dev.beamlink.testing.OtpRelease;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** A node a test declares: an {@link Erl} or {@link Beamlink} field or parameter, with the name it is known by. */
sealed interface Declaration {

    /** {@return the node's name in its test class (the part of its node name before the unique suffix)} */
    String name();

    /** {@return where it is declared, for messages: "field OrdersTest.erl"} */
    String where();

    /** {@return whether it states no options but the name: then it means the node of that name, wherever declared} */
    boolean namesOnly();

    /** {@return the declaration of a field, if it has {@link Erl} or {@link Beamlink}} */
    static Optional<Declaration> of(Field field) {
        return of(field, field.getType(), field.getName(),
                "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName());
    }

    /** {@return the declaration of a parameter, if it has {@link Erl} or {@link Beamlink}} */
    static Optional<Declaration> of(Parameter parameter) {
        String where = "parameter " + parameter.getName() + " of "
                + parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
                + parameter.getDeclaringExecutable().getName();
        return of(parameter, parameter.getType(), parameter.isNamePresent() ? parameter.getName() : null, where);
    }

    private static Optional<Declaration> of(AnnotatedElement element, Class<?> type, String javaName, String where) {
        Erl erl = element.getAnnotation(Erl.class);
        Beamlink beamlink = element.getAnnotation(Beamlink.class);
        if (erl != null && beamlink != null) {
            throw new ExtensionConfigurationException(where + " has both @Erl and @Beamlink");
        }
        if (erl != null) {
            require(type, ErlNode.class, "@Erl", where);
            if (erl.otp() != 0 && erl.minOtp() != 0) {
                throw new ExtensionConfigurationException(where + ": @Erl states both otp and minOtp; say one");
            }
            return Optional.of(new ErlDeclaration(erl, name(erl.name(), javaName, erl.elixir() ? "elixir" : "erl", where), where));
        }
        if (beamlink != null) {
            require(type, DistributedNode.class, "@Beamlink", where);
            return Optional.of(new BeamlinkDeclaration(beamlink, name(beamlink.name(), javaName, "java", where), where));
        }
        return Optional.empty();
    }

    private static void require(Class<?> type, Class<?> wanted, String annotation, String where) {
        if (type != wanted) {
            throw new ExtensionConfigurationException(where + ": " + annotation + " goes on a " + wanted.getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
    }

    /** The stated name, else the Java name, else the default: letters, digits, _ and - as node names allow. */
    private static String name(String stated, String javaName, String fallback, String where) {
        String name = !stated.isEmpty() ? stated : javaName != null ? javaName.replace('$', '_') : fallback;
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new ExtensionConfigurationException(where + ": node name `" + name + "` (expected letters, digits, _ and -)");
        }
        return name;
    }

    /** An {@link Erl} node. */
    record ErlDeclaration(Erl spec, String name, String where) implements Declaration {

        @Override
        public boolean namesOnly() {
            return spec.cookie().isEmpty() && !spec.hidden() && !spec.longNames() && !spec.elixir() && spec.otp() == 0
                    && spec.minOtp() == 0 && spec.load().length == 0 && spec.args().length == 0;
        }

        /** {@return the release this node needs: its own, else the class's} */
        Optional<OtpRelease> release(Optional<OtpRelease> classRelease) {
            if (spec.otp() != 0) {
                return Optional.of(OtpRelease.exactly(spec.otp()));
            }
            if (spec.minOtp() != 0) {
                return Optional.of(OtpRelease.atLeast(spec.minOtp()));
            }
            return classRelease;
        }
    }

    /** A {@link Beamlink} node. */
    record BeamlinkDeclaration(Beamlink spec, String name, String where) implements Declaration {

        @Override
        public boolean namesOnly() {
            return spec.cookie().isEmpty() && !spec.hidden() && !spec.longNames() && spec.connect()
                    && spec.configure().length == 0;
        }
    }
}
