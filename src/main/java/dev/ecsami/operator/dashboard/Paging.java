package dev.ecsami.operator.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * One page of a list: 1-based page number, the slice [from, to) it shows, and the neighbours
 * (0 when there is none).
 */
@TemplateData
record Paging(int page, int pages, int from, int to, int previous, int next) {

    static Paging of(int requested, int size, int total) {
        int pages = Math.max(1, (total + size - 1) / size);
        int page = Math.min(Math.max(1, requested), pages);
        int from = (page - 1) * size;
        int to = Math.min(total, from + size);
        return new Paging(page, pages, from, to, page > 1 ? page - 1 : 0, page < pages ? page + 1 : 0);
    }

    /** The 1-based position of the first item shown. */
    public int first() {
        return Math.min(from + 1, to);
    }
}
