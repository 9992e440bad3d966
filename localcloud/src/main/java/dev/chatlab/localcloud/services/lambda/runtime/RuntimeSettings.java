package dev.chatlab.localcloud.services.lambda.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How localcloud runs function instances. Each value comes from a system property, else an
 * environment variable, else the default:
 * <ul>
 *   <li>{@code localcloud.lambda.maxInstances} / {@code LOCALCLOUD_LAMBDA_MAX_INSTANCES}: instances per function (10);</li>
 *   <li>{@code localcloud.lambda.idleSeconds} / {@code LOCALCLOUD_LAMBDA_IDLE_SECONDS}: an idle instance ends after this (300);</li>
 *   <li>{@code localcloud.lambda.spareInstances} / {@code LOCALCLOUD_LAMBDA_SPARE_INSTANCES}: keep a JVM started for each
 *       function's next cold start (true; see SpareInstances);</li>
 *   <li>{@code localcloud.lambda.archivePauseSeconds} / {@code LOCALCLOUD_LAMBDA_ARCHIVE_PAUSE_SECONDS}: how long a new
 *       revision's first instance waits after an invocation before it records its class archive (20; see FunctionArchives);</li>
 *   <li>{@code localcloud.lambda.java21.home} / {@code LOCALCLOUD_LAMBDA_JAVA21_HOME} (and java25): the JDK for that
 *       runtime; without one, instances run on the JDK that runs localcloud.</li>
 * </ul>
 *
 * @param maxInstancesPerFunction parallel invokes beyond this wait for a free instance
 * @param idleMillis              an instance unused this long is stopped
 * @param longPollMillis          how long one {@code invocation/next} waits before answering 204
 * @param initLimitMillis         how long an instance may take to start, on top of the function's timeout
 * @param spareInstances          whether a JVM waits, started, for each function's next cold start
 * @param archivePauseMillis      how long a recorder waits after an invocation before it records its revision's class archive
 */
public record RuntimeSettings(int maxInstancesPerFunction, long idleMillis, long longPollMillis, long initLimitMillis,
                              boolean spareInstances, long archivePauseMillis) {

    public static RuntimeSettings fromEnvironment() {
        return new RuntimeSettings(
                (int) number("localcloud.lambda.maxInstances", 10),
                number("localcloud.lambda.idleSeconds", 300) * 1000,
                15_000,
                10_000,
                !setting("localcloud.lambda.spareInstances").map(value -> value.trim().equalsIgnoreCase("false")).orElse(false),
                number("localcloud.lambda.archivePauseSeconds", 20) * 1000);
    }

    /** The java executable for a runtime ("java21"): its configured JDK, else the running one. */
    public static Path javaFor(String runtime) {
        String key = "localcloud.lambda." + runtime + ".home";
        Optional<String> home = setting(key);
        if (home.isPresent()) {
            Path java = executable(Path.of(home.get()));
            if (Files.isExecutable(java)) {
                return java;
            }
        }
        return executable(Path.of(System.getProperty("java.home")));
    }

    private static Path executable(Path javaHome) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
    }

    private static long number(String key, long fallback) {
        return setting(key).map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    /** The system property {@code key}, else the variable LOCALCLOUD_LAMBDA_... named after it. */
    private static Optional<String> setting(String key) {
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) {
            return Optional.of(property);
        }
        String variable = key.replace("localcloud.lambda.", "LOCALCLOUD_LAMBDA_").replace('.', '_')
                .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank());
    }
}
