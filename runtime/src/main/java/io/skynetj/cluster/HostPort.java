package io.skynetj.cluster;

/** A cluster address as skynet's config writes it: {@code "host:port"}, or {@code "[v6 address]:port"}. */
record HostPort(String host, int port) {
    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
            throw new IllegalArgumentException("invalid cluster address \"" + text + "\" (host:port expected)");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("invalid port in cluster address \"" + text + "\"");
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
