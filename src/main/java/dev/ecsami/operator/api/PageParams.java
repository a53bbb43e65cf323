package dev.ecsami.operator.api;

import dev.ecsami.operator.runtime.CommandRejected;

import java.util.List;
import java.util.function.Function;

/** The offset and limit of a listing, checked: a bad one is a 400 naming the parameter. */
record PageParams(int offset, int limit) {
    static final int MAX_PAGE = 500;

    static PageParams of(int offset, Integer limit, int defaultSize) {
        int size = limit == null ? defaultSize : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "limit", "limit must be 1 to " + MAX_PAGE
                    + ", was " + size);
        }
        if (offset < 0) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "offset", "offset must be 0 or more");
        }
        return new PageParams(offset, size);
    }

    <T, V> Views.Page<V> page(List<T> matching, Function<T, V> view) {
        List<V> items = matching.stream().skip(offset).limit(limit).map(view).toList();
        Integer next = offset + limit < matching.size() ? offset + limit : null;
        return new Views.Page<>(items, matching.size(), offset, next);
    }
}
