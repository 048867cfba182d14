package dev.vigil.healthcheck.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * Self-signed test certificates made with the JDK's keytool (Netty's SelfSignedCertificate
 * needs BouncyCastle or JDK internals): an EC key pair in a PKCS#12 store, and the
 * certificate written as PEM from that store.
 */
record TestCertificates(Path keyStore, Path certificatePem) {

    static final char[] PASSWORD = "changeit".toCharArray();

    /** One certificate per name (CN and SAN dns name), generated in parallel. */
    static List<TestCertificates> generate(Path directory, String... names)
            throws IOException, InterruptedException, GeneralSecurityException {
        List<Process> running = new ArrayList<>();
        for (String name : names) {
            running.add(keytool(directory.resolve(name + ".p12"), name));
        }
        List<TestCertificates> made = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Process process = running.get(i);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            Path store = directory.resolve(names[i] + ".p12");
            made.add(new TestCertificates(store, exportPem(store, names[i], directory.resolve(names[i] + ".pem"))));
        }
        return made;
    }

    private static Process keytool(Path store, String name) throws IOException {
        // Client-VM flags: keytool is short-lived, so start-up time dominates.
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=dns:" + name + ",ip:127.0.0.1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
    }

    private static Path exportPem(Path store, String alias, Path pem) throws IOException, GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(load(store).getCertificate(alias).getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    KeyManagerFactory keyManagers() throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(keyStore), PASSWORD);
        return factory;
    }
}
