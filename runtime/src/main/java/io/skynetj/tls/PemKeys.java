package io.skynetj.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A certificate chain and its private key from PEM files (as openssl writes them), as a key store. */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
    static final char[] PASSWORD = new char[0];

    private PemKeys() {}

    static KeyStore load(String certFile, String keyFile) throws IOException, GeneralSecurityException {
        Certificate[] chain = CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(certFile)))).toArray(Certificate[]::new);
        if (chain.length == 0) throw new GeneralSecurityException("no certificate in " + certFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", privateKey(keyFile), PASSWORD, chain);
        return store;
    }

    /** An unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), RSA, EC or EdDSA. */
    private static PrivateKey privateKey(String keyFile) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII));
        while (m.find()) {
            if (!m.group(1).equals("PRIVATE KEY")) continue;
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(2)));
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                } catch (GeneralSecurityException wrongAlgorithm) {
                    // try the next one
                }
            }
        }
        throw new GeneralSecurityException("no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY) in " + keyFile);
    }
}
