package dev.chatlab.labkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * What the lab remembers between runs, in {@code .lab/lab.properties}: the resource-name
 * prefix (made up once, so that bucket names stay globally unique and stable) and the
 * lab's domain.
 */
public final class LabState {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Properties values = new Properties();

    private LabState(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    public static LabState in(Path stateDirectory) {
        return new LabState(stateDirectory.resolve("lab.properties"));
    }

    /** The saved prefix, or a new one ("chat-" and six random letters/digits), saved at once. */
    public String prefix() {
        String prefix = values.getProperty("prefix");
        if (prefix == null) {
            prefix = newPrefix();
            set("prefix", prefix);
        }
        return prefix;
    }

    public String get(String key) {
        return values.getProperty(key);
    }

    public void set(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(writer, "Serverless Chat Lab state (delete it to start over with a new prefix)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String newPrefix() {
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder("chat-");
        for (int i = 0; i < 6; i++) {
            prefix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return prefix.toString();
    }

    /** True for a prefix that keeps every derived name valid (S3 bucket rules are the strictest). */
    public static boolean isValidPrefix(String prefix) {
        return prefix.matches("[a-z0-9][a-z0-9-]{1,30}[a-z0-9]");
    }
}
