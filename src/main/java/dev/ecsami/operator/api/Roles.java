package dev.ecsami.operator.api;

/**
 * The two roles a bearer token carries, as named in {@code @RolesAllowed}: a viewer reads, an
 * operator reads and steers.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
