package io.skynetj.lpeg;

import org.luaj.vm2.Varargs;

/** A capture made by a successful match: its kind, the subject range it covers and the captures inside it. */
final class CapNode {
    static final CapNode[] NONE = new CapNode[0];

    final Pattern pattern;
    final int start;
    final int end;
    final CapNode[] children;
    /** RUNTIME (Cmt): the extra values the function returned */
    final Varargs runtime;

    CapNode(Pattern pattern, int start, int end, CapNode[] children, Varargs runtime) {
        this.pattern = pattern;
        this.start = start;
        this.end = end;
        this.children = children;
        this.runtime = runtime;
    }

    Pattern.Capture kind() {
        return pattern.cap;
    }

    boolean isNamedGroup() {
        return pattern.cap == Pattern.Capture.GROUP && pattern.value != null && !pattern.value.isnil();
    }
}
