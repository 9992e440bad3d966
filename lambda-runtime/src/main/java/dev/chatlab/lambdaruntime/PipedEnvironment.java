package dev.chatlab.lambdaruntime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function's environment as localcloud hands it over: through the instance's stdin, a pipe
 * only localcloud holds, rather than the process environment, which every process of the same
 * OS user can read ({@code /proc/<pid>/environ}): so no other function sees this one's role
 * credentials, Runtime API address or variables. The bootstrap puts the variables into this
 * JVM's own view of the environment, where the function and its AWS SDK find them under
 * Lambda's names ({@code System.getenv("AWS_ACCESS_KEY_ID")}), and the credentials also into the
 * system properties that the SDK's default credential chain reads first.
 *
 * <p>The format: {@code NAME=VALUE} entries, each ended by a NUL character (as in
 * {@code /proc/<pid>/environ}: no variable can hold one), until the end of the stream.
 */
public final class PipedEnvironment {

    /** The system properties of the AWS SDKs' credential chains, by the variable that fills each. */
    private static final Map<String, String> CREDENTIAL_PROPERTIES = Map.of(
            "AWS_ACCESS_KEY_ID", "aws.accessKeyId",
            "AWS_SECRET_ACCESS_KEY", "aws.secretAccessKey",
            "AWS_SESSION_TOKEN", "aws.sessionToken");

    private PipedEnvironment() {
    }

    /** The entries in the format above (what localcloud writes), for its side of the pipe. */
    public static byte[] encode(Map<String, String> variables) {
        StringBuilder text = new StringBuilder();
        variables.forEach((name, value) -> text.append(name).append('=').append(value).append('\0'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> read(InputStream in) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                variables.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return variables;
    }

    /**
     * Makes {@code variables} part of this JVM's environment and sets the credential properties.
     * False when the environment could not be changed (the JVM was started without the
     * {@code --add-opens} that localcloud's launcher gives it): the properties are set anyway.
     */
    static boolean install(Map<String, String> variables) {
        CREDENTIAL_PROPERTIES.forEach((variable, property) -> {
            String value = variables.get(variable);
            if (value != null) {
                System.setProperty(property, value);
            }
        });
        try {
            // System.getenv() is an unmodifiable view of the map System.getenv(name) reads (and that
            // ProcessBuilder copies); on Windows getenv(name) reads a case-insensitive copy besides.
            Map<String, String> view = System.getenv();
            writable(view, Class.forName("java.util.Collections$UnmodifiableMap"), "m").putAll(variables);
            Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
            if (hasField(processEnvironment, "theCaseInsensitiveEnvironment")) {
                writable(null, processEnvironment, "theCaseInsensitiveEnvironment").putAll(variables);
            }
            return variables.entrySet().stream().allMatch(entry -> entry.getValue().equals(System.getenv(entry.getKey())));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> writable(Object owner, Class<?> type, String field) throws ReflectiveOperationException {
        Field map = type.getDeclaredField(field);
        map.setAccessible(true);
        return (Map<String, String>) map.get(owner);
    }

    private static boolean hasField(Class<?> type, String name) {
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
