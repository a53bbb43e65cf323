package dev.ecsami.operator.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JAX-RS resource method under /api names the roles it allows, so a new endpoint cannot be
 * left open by mistake; every other resource method (the dashboard) says so with a role annotation too.
 */
class EveryEndpointHasARoleTest {
    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);

    @Test
    void everyResourceMethodUnderApiAllowsNamedRolesOnly() throws Exception {
        List<Method> api = resourceMethods().stream()
                .filter(m -> m.getDeclaringClass().getAnnotation(Path.class).value().startsWith("/api")).toList();

        assertThat(api).as("resource methods under /api").hasSizeGreaterThanOrEqualTo(12);
        for (Method m : api) {
            RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
            assertThat(roles).as(m + " needs @RolesAllowed").isNotNull();
            assertThat(roles.value()).as(m.toString()).isNotEmpty().isSubsetOf(Roles.VIEWER, Roles.OPERATOR);
            if (!m.isAnnotationPresent(GET.class)) {
                assertThat(roles.value()).as(m + " changes something: operators only").containsExactly(Roles.OPERATOR);
            }
        }
    }

    @Test
    void everyOtherResourceMethodCarriesARoleAnnotation() throws Exception {
        for (Method m : resourceMethods()) {
            assertThat(m.isAnnotationPresent(RolesAllowed.class) || m.isAnnotationPresent(PermitAll.class)
                    || m.isAnnotationPresent(DenyAll.class)).as(m + " needs a role annotation").isTrue();
        }
    }

    /** The HTTP methods of every class with @Path in the operator's compiled classes. */
    private static List<Method> resourceMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path root = Paths.get(Roles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            names = files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .toList();
        }
        List<Method> methods = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, EveryEndpointHasARoleTest.class.getClassLoader());
            if (type.isAnnotationPresent(Path.class)) {
                for (Method m : type.getDeclaredMethods()) {
                    if (HTTP_METHODS.stream().anyMatch(m::isAnnotationPresent)) {
                        methods.add(m);
                    }
                }
            }
        }
        assertThat(methods).as("resource methods found in " + root).isNotEmpty();
        return methods;
    }
}
