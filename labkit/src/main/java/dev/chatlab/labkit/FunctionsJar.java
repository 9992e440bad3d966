package dev.chatlab.labkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The chat's four handlers as one jar, built from step 6's Maven module with the kit's Maven
 * wrapper: what step 6 deploys function by function and step 9 uploads for its template.
 */
public final class FunctionsJar {

    /** Where the module's build puts the jar, relative to the module. */
    public static final String JAR = "target/chat-functions-0.1.0.jar";

    private FunctionsJar() {
    }

    /** Builds the jar of {@code module} (a step6-lambdas folder), unless it is newer than every source. */
    public static Path build(Lab lab, Path module) throws IOException, InterruptedException {
        Path jar = module.resolve(JAR);
        if (Files.exists(jar) && newestSource(module) < Files.getLastModifiedTime(jar).toMillis()) {
            lab.say(Text.of("The functions' jar is up to date: %s", "함수 jar가 최신입니다: %s"), jar);
            return jar;
        }
        Path root = lab.settings().projectRoot();
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        List<String> command = List.of(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-q", "-B",
                "-f", module.resolve("pom.xml").toString(), "package",
                // the module's tests are the student's to run (mvn test); deploying needs the jar only
                "-Dmaven.test.skip=true");
        long started = System.nanoTime();
        lab.say(Text.of("Building the functions (mvnw package)...", "함수를 빌드합니다(mvnw package)..."));
        int exit = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
        if (exit != 0 || !Files.exists(jar)) {
            throw new IllegalStateException("building " + module + " failed (exit " + exit + "): read the compiler's message above");
        }
        lab.done(Text.of("Built %s in %.1f s", "%s 빌드 완료(%.1f초)"), jar, (System.nanoTime() - started) / 1e9);
        return jar;
    }

    private static long newestSource(Path module) throws IOException {
        try (Stream<Path> files = Files.walk(module.resolve("src"))) {
            long newest = Files.getLastModifiedTime(module.resolve("pom.xml")).toMillis();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
            }
            return newest;
        }
    }
}
