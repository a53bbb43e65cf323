package dev.ecsami.operator.awsstub;

import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small builders for the XML the Query protocol answers with. */
final class Xml {
    private Xml() {
    }

    static String el(String name, Object value) {
        return "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
    }

    /** An element whose content is already XML. */
    static String raw(String name, String content) {
        return "<" + name + ">" + content + "</" + name + ">";
    }

    /** Auto Scaling lists: {@code <member>}; EC2 lists: {@code <item>}. */
    static <T> String list(String wrapper, String entry, Collection<T> items, Function<T, String> content) {
        return raw(wrapper, items.stream().map(i -> raw(entry, content.apply(i))).collect(Collectors.joining()));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
