package dev.chatlab.bench;

import dev.chatlab.bench.function.NoopHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The deployment package of the no-op function, made at run time from the compiled
 * {@link NoopHandler} class shipped in the benchmark's jar: a zip holding that one class file,
 * as a student's build of a handler without dependencies would. aws-lambda-java-core is not in
 * it: Lambda's Java runtime (and localcloud's) puts it on the classpath.
 */
final class NoopFunction {

    static final String HANDLER = NoopHandler.class.getName();

    private NoopFunction() {
    }

    static byte[] zip() {
        String entry = HANDLER.replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream classFile = NoopHandler.class.getClassLoader().getResourceAsStream(entry);
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (classFile == null) {
                throw new IllegalStateException(entry + " is missing from the benchmark's classpath");
            }
            zip.putNextEntry(new ZipEntry(entry));
            classFile.transferTo(zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The package's SHA-256 in hex: localcloud unpacks it into a directory of that name, on its instances' classpath. */
    static String sha256Hex(byte[] zip) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
