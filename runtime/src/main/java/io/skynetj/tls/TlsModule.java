package io.skynetj.tls;

import io.skynetj.lua.lib.LuaFn;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "ltls.c"}: the functions skynet's http.tlshelper uses, on the JDK's SSLEngine.
 * {@code newctx()} -> ctx (ctx:set_cert(certfile, keyfile), PEM); {@code newtls("client"|"server",
 * ctx [, hostname])} -> tls with handshake([bytes]), finished(), read(bytes), write([text]), close(),
 * set_ext_host_name(name). Clients check the server's certificate against the JDK's trusted
 * authorities and its name unless the node's config says {@code tls_verify = false} (skynet's ltls
 * checks nothing).
 */
final class TlsModule {
    /** A context: the server's certificate and key, once set. */
    private static final class Context {
        KeyStore keys;
    }

    private final boolean verify;
    private final LuaTable contextMeta = new LuaTable();
    private final LuaTable sessionMeta = new LuaTable();

    TlsModule(boolean verify) {
        this.verify = verify;
        LuaTable ctx = new LuaTable();
        ctx.set("set_cert", LuaFn.of("set_cert", a -> {
            Context c = (Context) a.checkuserdata(1, Context.class);
            try {
                c.keys = PemKeys.load(a.checkjstring(2), a.checkjstring(3));
            } catch (IOException | GeneralSecurityException e) {
                throw new LuaError("set_cert failed: " + e.getMessage());
            }
            return LuaValue.NONE;
        }));
        contextMeta.set("__index", ctx);
        LuaTable tls = new LuaTable();
        tls.set("handshake", LuaFn.of("handshake", a -> bytes(() -> session(a).handshake(optBytes(a, 2)))));
        tls.set("finished", LuaFn.of("finished", a -> LuaValue.valueOf(session(a).finished())));
        tls.set("read", LuaFn.of("read", a -> bytes(() -> session(a).read(optBytes(a, 2)))));
        tls.set("write", LuaFn.of("write", a -> bytes(() -> session(a).write(optBytes(a, 2)))));
        tls.set("close", LuaFn.of("close", a -> bytes(() -> session(a).close())));
        tls.set("set_ext_host_name", LuaFn.of("set_ext_host_name", a -> {
            SSLEngine engine = ((TlsSession) a.checkuserdata(1, TlsSession.class)).engine();
            SSLParameters p = engine.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(a.checkjstring(2))));
            engine.setSSLParameters(p);
            return LuaValue.NONE;
        }));
        sessionMeta.set("__index", tls);
    }

    LuaTable create() {
        LuaTable m = new LuaTable();
        m.set("newctx", LuaFn.of("newctx", a -> new LuaUserdata(new Context(), contextMeta)));
        m.set("newtls", LuaFn.of("newtls", a -> {
            String method = a.checkjstring(1);
            Context c = (Context) a.checkuserdata(2, Context.class);
            String host = a.isnil(3) ? null : a.checkjstring(3);
            if (!method.equals("client") && !method.equals("server")) throw new LuaError("invalid tls method " + method);
            return new LuaUserdata(new TlsSession(engine(method.equals("client"), c, host)), sessionMeta);
        }));
        return m;
    }

    private SSLEngine engine(boolean client, Context c, String host) {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            if (client) {
                ssl.init(null, verify ? null : new TrustManager[] {TRUST_ANY}, null);
            } else {
                if (c.keys == null) throw new LuaError("a server tls context needs set_cert first");
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(c.keys, PemKeys.PASSWORD);
                ssl.init(kmf.getKeyManagers(), null, null);
            }
            SSLEngine engine = host == null ? ssl.createSSLEngine() : ssl.createSSLEngine(host, 443);
            engine.setUseClientMode(client);
            if (client && host != null) {
                SSLParameters p = engine.getSSLParameters();
                if (verify) p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setServerNames(List.of(new SNIHostName(host)));
                engine.setSSLParameters(p);
            }
            return engine;
        } catch (GeneralSecurityException e) {
            throw new LuaError("tls: " + e.getMessage());
        }
    }

    private interface Step {
        byte[] run() throws SSLException;
    }

    private static TlsSession session(Varargs a) {
        return (TlsSession) a.checkuserdata(1, TlsSession.class);
    }

    private static LuaValue bytes(Step step) {
        try {
            return LuaString.valueUsing(step.run());
        } catch (SSLException e) {
            throw new LuaError("tls: " + e.getMessage());
        }
    }

    private static byte[] optBytes(Varargs a, int i) {
        if (a.isnil(i)) return new byte[0];
        LuaString s = a.checkstring(i);
        byte[] b = new byte[s.m_length];
        System.arraycopy(s.m_bytes, s.m_offset, b, 0, s.m_length);
        return b;
    }

    /** skynet's ltls: a client accepts any certificate (only with tls_verify = false). */
    private static final X509TrustManager TRUST_ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
