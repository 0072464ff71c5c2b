package dev.beamlink.testing.junit;

import dev.beamlink.testing.Epmd;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link Erl} and {@link Beamlink}, which register it themselves: it starts the nodes a
 * test class declares (static fields and {@code @BeforeAll}/{@code @AfterAll} parameters before the class, instance
 * fields and the parameters of each test and its {@code @BeforeEach}/{@code @AfterEach} methods before each test),
 * injects them, attaches what they printed to a failure, and stops them after the test or class, whatever its
 * outcome. A parameter of type {@link Epmd} gets the class's epmd, and one of type {@link Nodes} starts more nodes.
 *
 * <p>It keeps no state of its own: each class's and test's nodes live in JUnit's store for that class or test,
 * which closes them, so test classes may run in parallel.
 */
public final class ErlangExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ErlangExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> testClass = context.getRequiredTestClass();
        Scope scope = scope(context);
        List<Declaration> declarations = new ArrayList<>();
        List<Field> fields = annotatedFields(testClass, true);
        fields.forEach(field -> declarations.add(Declaration.of(field).orElseThrow()));
        for (Class<? extends Annotation> lifecycle : List.of(BeforeAll.class, AfterAll.class)) {
            methods(testClass, lifecycle).forEach(method -> declarations.addAll(parameters(method)));
        }
        scope.startAll(declarations);
        for (Field field : fields) {
            field.setAccessible(true);
            field.set(null, scope.node(Declaration.of(field).orElseThrow()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Scope scope = scope(context);
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        List<Declaration> declarations = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (Object instance : instances) {
            fields.addAll(annotatedFields(instance.getClass(), false));
        }
        fields.forEach(field -> declarations.add(Declaration.of(field).orElseThrow()));
        declarations.addAll(parameters(context.getRequiredTestMethod()));
        for (Class<? extends Annotation> lifecycle : List.of(BeforeEach.class, AfterEach.class)) {
            methods(context.getRequiredTestClass(), lifecycle).forEach(method -> declarations.addAll(parameters(method)));
        }
        scope.startAll(declarations);
        for (Object instance : instances) {
            for (Field field : annotatedFields(instance.getClass(), false)) {
                field.setAccessible(true);
                field.set(instance, scope.node(Declaration.of(field).orElseThrow()));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Erl.class) || parameter.isAnnotated(Beamlink.class)
                || parameter.getParameter().getType() == Epmd.class || parameter.getParameter().getType() == Nodes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor<?>) {
            throw new ExtensionConfigurationException("live nodes go into fields and into the parameters of test and"
                    + " lifecycle methods, not into constructors (" + parameter.getDeclaringExecutable() + ")");
        }
        Scope scope = scope(context);
        if (parameter.getParameter().getType() == Nodes.class) {
            return new Nodes(scope);
        }
        Optional<Declaration> declaration = Declaration.of(parameter.getParameter());
        return declaration.isPresent() ? scope.node(declaration.get()) : scope.cluster().epmd();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(context, failure);
    }

    /** {@return the failure, with what the nodes it could concern printed while it ran} */
    private static Throwable withOutput(ExtensionContext context, Throwable failure) {
        existingScope(context).ifPresent(scope -> scope.attachOutput(failure));
        return failure;
    }

    /**
     * {@return the scope of {@code context}, made at first use: a test's inside its class's, a nested class's inside its
     * enclosing class's, and a class of its own at the top}
     */
    private static Scope scope(ExtensionContext context) {
        // Keyed by the context's own id: a store also answers with what its parents' stores hold.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), id -> {
            Optional<Scope> enclosing = context.getParent().flatMap(ErlangExtension::enclosingScope);
            Class<?> testClass = context.getRequiredTestClass();
            return enclosing.map(parent -> Scope.inside(parent, testClass)).orElseGet(() -> Scope.ofClass(testClass));
        }, Scope.class);
    }

    /** {@return the scope of the nearest test class context at or above {@code context}, made if need be} */
    private static Optional<Scope> enclosingScope(ExtensionContext context) {
        return context.getTestClass().isPresent() ? Optional.of(scope(context)) : Optional.empty();
    }

    private static Optional<Scope> existingScope(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(context.getUniqueId(), Scope.class));
    }

    private static List<Field> annotatedFields(Class<?> type, boolean statics) {
        List<Field> fields = new ArrayList<>();
        for (Class<? extends Annotation> annotation : List.of(Erl.class, Beamlink.class)) {
            for (Field field : AnnotationSupport.findAnnotatedFields(type, annotation,
                    f -> Modifier.isStatic(f.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN)) {
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException("field " + field + " is final: the kit cannot set it");
                }
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<Method> methods(Class<?> testClass, Class<? extends Annotation> lifecycle) {
        return AnnotationSupport.findAnnotatedMethods(testClass, lifecycle, HierarchyTraversalMode.TOP_DOWN);
    }

    /** {@return the nodes a method's parameters declare} @throws ExtensionConfigurationException if two share a name */
    private static List<Declaration> parameters(Executable executable) {
        List<Declaration> declarations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Parameter parameter : executable.getParameters()) {
            Optional<Declaration> declaration = Declaration.of(parameter);
            if (declaration.isPresent()) {
                if (!names.add(declaration.get().name())) {
                    throw new ExtensionConfigurationException(executable + " declares node `" + declaration.get().name()
                            + "` twice: name each (name = ...), or compile with -parameters");
                }
                declarations.add(declaration.get());
            }
        }
        return declarations;
    }
}
