package io.skynetj.cluster;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Optional shared-secret authentication of skynetj-to-skynetj links (config key {@code cluster_secret},
 * off by default). skynet's protocol has no handshake, so a node with a secret talks only to skynetj
 * nodes with the same secret. Both ends prove they know the secret without sending it, before any
 * request, by HMAC-SHA256 over two fresh nonces (replaying an old exchange does not work). The traffic
 * itself is not encrypted. Frames use the cluster framing:
 * <pre>
 *   listener  → connector: "skynetj-auth-1" nonceL(32)
 *   connector → listener:  05 nonceC(32) HMAC(secret, "connector" nonceL nonceC)
 *   listener  → connector: 05 HMAC(secret, "listener" nonceL nonceC)
 * </pre>
 */
final class LinkAuth {
    /** A request tag skynet does not use. */
    private static final byte TAG = 0x05;
    private static final byte[] MAGIC = "skynetj-auth-1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 32;
    private static final int MAC = 32;
    private static final int TIMEOUT_MS = 5000;
    private static final String HINT = " (is the peer a skynetj node with the same cluster_secret?)";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    LinkAuth(String secret) {
        if (secret.isEmpty()) throw new IllegalArgumentException("cluster_secret is empty");
        key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Listener side: run on an accepted connection before its first request is read. */
    void challenge(Socket socket, DataInputStream in, OutputStream out) throws IOException {
        byte[] mine = nonce();
        send(out, concat(MAGIC, mine));
        byte[] answer = receive(socket, in, "no answer to the challenge");
        if (answer.length != 1 + NONCE + MAC || answer[0] != TAG) throw new ProtocolException("authentication failed: not an answer to the challenge" + HINT);
        byte[] theirs = Arrays.copyOfRange(answer, 1, 1 + NONCE);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(answer, 1 + NONCE, answer.length), mac("connector", mine, theirs)))
            throw new ProtocolException("authentication failed: wrong secret" + HINT);
        send(out, concat(new byte[] {TAG}, mac("listener", mine, theirs)));
    }

    /** Connector side: run on a new connection before the first request is sent. */
    void prove(Socket socket, DataInputStream in, OutputStream out) throws IOException {
        byte[] challenge = receive(socket, in, "no challenge from the listener");
        if (challenge.length != MAGIC.length + NONCE || !Arrays.equals(challenge, 0, MAGIC.length, MAGIC, 0, MAGIC.length))
            throw new ProtocolException("authentication failed: the listener sent no skynetj challenge" + HINT);
        byte[] theirs = Arrays.copyOfRange(challenge, MAGIC.length, challenge.length);
        byte[] mine = nonce();
        send(out, concat(new byte[] {TAG}, concat(mine, mac("connector", theirs, mine))));
        byte[] answer = receive(socket, in, "the listener refused our proof");
        if (answer.length != 1 + MAC || answer[0] != TAG || !MessageDigest.isEqual(Arrays.copyOfRange(answer, 1, answer.length), mac("listener", theirs, mine)))
            throw new ProtocolException("authentication failed: the listener does not know the secret" + HINT);
    }

    private byte[] nonce() {
        byte[] n = new byte[NONCE];
        random.nextBytes(n);
        return n;
    }

    private byte[] mac(String role, byte[] listenerNonce, byte[] connectorNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(role.getBytes(StandardCharsets.US_ASCII));
            mac.update(listenerNonce);
            return mac.doFinal(connectorNonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void send(OutputStream out, byte[] body) throws IOException {
        byte[] f = Wire.frame(body.length);
        System.arraycopy(body, 0, f, 2, body.length);
        out.write(f);
        out.flush();
    }

    /** One frame within the handshake deadline; a timeout or close is an authentication failure. */
    private static byte[] receive(Socket socket, DataInputStream in, String what) throws IOException {
        socket.setSoTimeout(TIMEOUT_MS);
        try {
            return Wire.readFrame(in);
        } catch (SocketTimeoutException | EOFException e) {
            throw new ProtocolException("authentication failed: " + what + HINT);
        } finally {
            socket.setSoTimeout(0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
