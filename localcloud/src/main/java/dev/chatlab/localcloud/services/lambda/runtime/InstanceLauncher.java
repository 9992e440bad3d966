package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.lambda.model.RoleCredentials;
import java.io.File;
import dev.chatlab.lambdaruntime.PipedEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Starts the JVM of one function instance the way Lambda's managed Java runtime starts it:
 * the runtime's JVM flags (tiered compilation stopped at level 1 and serial GC unless the
 * function's JAVA_TOOL_OPTIONS chooses otherwise, a heap sized from MemorySize, and MaxRAM =
 * MemorySize so the JVM's own sizing sees a machine of that size), the bootstrap and the
 * function's code on the classpath (the package root and
 * {@code lib/*.jar}, as Lambda lays them out; see {@link FunctionArchives#codeClasspath}), and an environment built from scratch with
 * Lambda's variables, the function's own, and the role's credentials. Nothing of localcloud's
 * own environment leaks in, except what the OS needs to start a process. The variables reach
 * the instance through its stdin, not its process environment, which other processes of the
 * same user could read: see {@link PipedEnvironment}.
 */
final class InstanceLauncher {

    /** Variables of localcloud's own environment an instance inherits: the OS's basics only. */
    private static final List<String> INHERITED = List.of("PATH", "SystemRoot", "SYSTEMROOT", "TEMP", "TMP", "TMPDIR", "HOME");

    /**
     * The variables in the instance's process environment: those the JVM reads itself, natively,
     * before the bootstrap runs (its options, time zone, locale) or when the function starts a
     * program, and Lambda's reserved ones that only say what runs (so that tools such as the
     * benchmark can tell which function a JVM is). The secrets (the role's credentials, the Runtime
     * API address), the code directory and the function's own variables go through the
     * instance's stdin instead (see {@link PipedEnvironment}).
     */
    private static final Set<String> IN_PROCESS_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "TZ", "LANG", "LC_ALL", "PATH", "LD_LIBRARY_PATH",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_REGION",
            "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV", "_HANDLER", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_LAMBDA_INITIALIZATION_TYPE");

    /**
     * Lets the bootstrap put the piped variables into the JVM's own view of the environment (a
     * private map of java.util's, and on Windows java.lang's case-insensitive copy).
     */
    private static final List<String> ENVIRONMENT_ACCESS = System.getProperty("os.name", "").startsWith("Windows")
            ? List.of("--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED")
            : List.of("--add-opens=java.base/java.util=ALL-UNNAMED");

    /**
     * C1 compiles a method after a fifth of the calls it would otherwise wait for: a new instance
     * reaches its warm speed within its first few invocations instead of its first hundred or so.
     * Measured on the chat (30 clients, 5 messages/s, send-message posting each message 30 times):
     * send-message's Duration came down to about 20 ms by its 10th invocation with a twentieth,
     * to 30-50 ms only after 7 s without any scaling, and the first messages of a class waited
     * behind those slow invocations. A fifth, not a twentieth: at a twentieth C1 also compiled
     * much of what runs once at start-up, and an instance's start, init and first 40 calls cost
     * 1.4-1.5 s of CPU (1.1-1.3 s at a fifth, 0.9-1.0 s without), its first call took 38-44 ms
     * (22-28 ms), and the class-sized room above had a p99 of 2.6-2.8 s in its first 10 s (0.2-2.6 s)
     * and the same 26-60 ms after. Not Lambda's flag (its runtime takes the JVM's thresholds):
     * a difference in speed only, which the function cannot tell but by reading its JVM's flags.
     */
    static final String QUICK_COMPILATION = "-XX:CompileThresholdScaling=0.2";

    /** An option that picks a garbage collector: -XX:+UseParallelGC, -XX:+UseG1GC, ... */
    private static final Pattern COLLECTOR_CHOICE = Pattern.compile("-XX:\\+Use\\w+GC\\b");

    private final String runtimeApiBase;
    private final String endpointUrl;
    private final List<Path> bootstrapClasspath;
    private final FunctionArchives archives;

    /**
     * @param runtimeApiBase host:port/path of the Runtime API without the instance's token
     * @param endpointUrl    what the function's AWS SDK calls (AWS_ENDPOINT_URL)
     */
    InstanceLauncher(String runtimeApiBase, String endpointUrl, List<Path> bootstrapClasspath, FunctionArchives archives) {
        this.runtimeApiBase = runtimeApiBase;
        this.endpointUrl = endpointUrl;
        this.bootstrapClasspath = bootstrapClasspath;
        this.archives = archives;
    }

    /**
     * Starts the JVM of an instance of {@code config}'s revision. The bootstrap loads the runtime
     * and then waits for its environment, which {@link #handOff} gives it: until then the process
     * holds nothing secret (no credentials, no Runtime API address), only the function's code
     * directory and the variables that say what runs.
     */
    Process start(FunctionConfig config, Path codeDirectory, String logGroup, String logStream) throws IOException {
        List<String> command = new ArrayList<>();
        Path java = RuntimeSettings.javaFor(config.runtime());
        FunctionArchives.Start start = archives.startFor(java, codeDirectory);
        command.add(java.toString());
        command.addAll(start.options());
        command.addAll(managedRuntimeDefaults(config.environment().get("JAVA_TOOL_OPTIONS")));
        command.add("-Xshare:auto");
        command.add("-XX:-UsePerfData");
        // The JVM sizes itself (initial heap, GC, code cache) from the machine's memory: an instance
        // sees only its function's MemorySize, as on Lambda, which keeps an idle instance small.
        command.add("-XX:MaxRAM=" + config.memorySize() + "m");
        command.add("-Xmx" + heapMegabytes(config.memorySize()) + "m");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.addAll(ENVIRONMENT_ACCESS);
        command.add("-cp");
        command.add(classpath(codeDirectory));
        command.add(BootstrapClasspath.MAIN_CLASS);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(codeDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        Map<String, String> own = Map.copyOf(env);
        env.clear();
        INHERITED.forEach(name -> {
            if (own.containsKey(name)) {
                env.put(name, own.get(name));
            }
        });
        lambdaVariables(config, codeDirectory, logGroup, logStream).forEach((name, value) -> {
            if (IN_PROCESS_ENVIRONMENT.contains(name)) {
                env.put(name, value);
            }
        });
        Process process = builder.start();
        if (start.records()) {
            archives.recording(codeDirectory, process.toHandle());
        }
        return process;
    }

    /** True when {@code process} recorded the class archive of {@code config}'s code, and it is written. */
    boolean recorded(FunctionConfig config, ProcessHandle process) {
        return archives.recordedBy(RuntimeSettings.javaFor(config.runtime()), process);
    }

    /** True when {@code process} was started to record its code's class archive. */
    boolean records(ProcessHandle process) {
        return archives.isRecorder(process);
    }

    /** True when a JVM may be started ahead for {@code config}'s code (see {@link FunctionArchives#settled}). */
    boolean mayStartAhead(FunctionConfig config, Path codeDirectory) {
        return archives.settled(RuntimeSettings.javaFor(config.runtime()), codeDirectory);
    }

    /**
     * Makes a started JVM ({@link #start}) the instance {@code instance}: the rest of its
     * environment (the function's variables, the role's credentials, its Runtime API address)
     * through its stdin, after which the bootstrap runs the init phase.
     */
    void handOff(Process process, FunctionInstance instance, Path codeDirectory, RoleCredentials credentials) {
        archives.handedOver(codeDirectory, process.toHandle());
        Map<String, String> piped = new LinkedHashMap<>();
        lambdaVariables(instance.config, codeDirectory, instance.logGroup, instance.logStream).forEach((name, value) -> {
            if (!IN_PROCESS_ENVIRONMENT.contains(name)) {
                piped.put(name, value);
            }
        });
        piped.put("AWS_LAMBDA_RUNTIME_API", runtimeApiBase + "/" + instance.runtimeApiToken);
        piped.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        piped.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            piped.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(PipedEnvironment.encode(piped));
        } catch (IOException exitedAtOnce) {
            // the JVM did not start (a bad JAVA_TOOL_OPTIONS): its exit is reported as the instance's failure
        }
    }

    /**
     * Lambda's variables and the function's own, without the secrets of {@link #handOff}: with
     * those, what the function sees in System.getenv().
     */
    private Map<String, String> lambdaVariables(FunctionConfig config, Path codeDirectory, String logGroup, String logStream) {
        Map<String, String> env = new LinkedHashMap<>(config.environment());
        env.put("AWS_ENDPOINT_URL", config.environment().getOrDefault("AWS_ENDPOINT_URL", endpointUrl));
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(config.memorySize()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroup);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.put("_HANDLER", config.handler());
        env.put("LAMBDA_TASK_ROOT", codeDirectory.toString());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    /**
     * The managed runtime's JIT and GC defaults (C1 only, serial GC) with C1's thresholds lowered
     * ({@link #QUICK_COMPILATION}), minus those the function's
     * own JAVA_TOOL_OPTIONS sets: AWS documents that variable as the way to choose another
     * tiered-compilation level or collector. The JVM reads JAVA_TOOL_OPTIONS itself (and says
     * "Picked up JAVA_TOOL_OPTIONS" in the log, as on Lambda), but the command line would win over it.
     */
    static List<String> managedRuntimeDefaults(String javaToolOptions) {
        String own = javaToolOptions == null ? "" : javaToolOptions;
        List<String> defaults = new ArrayList<>();
        if (!own.contains("Tiered")) {
            defaults.add("-XX:+TieredCompilation");
            defaults.add("-XX:TieredStopAtLevel=1");
            if (!own.contains("CompileThreshold")) {
                defaults.add(QUICK_COMPILATION);
            }
        }
        if (!COLLECTOR_CHOICE.matcher(own).find()) {
            defaults.add("-XX:+UseSerialGC");
        }
        return defaults;
    }

    /**
     * The bootstrap, then the function's code relative to the working directory (its package root,
     * as the package jar when there is one, and {@code lib/*.jar}): every process of the user can read a command line ({@code ps}), and
     * the code directory's name is what keeps the other functions out of it.
     */
    private String classpath(Path codeDirectory) {
        List<String> entries = new ArrayList<>();
        bootstrapClasspath.forEach(path -> entries.add(path.toString()));
        FunctionArchives.codeClasspath(codeDirectory).forEach(entry -> entries.add(entry.replace("/", File.separator)));
        return String.join(File.pathSeparator, entries);
    }

    /** The heap the managed runtime gives a function: most of its memory, the rest for the JVM itself. */
    static int heapMegabytes(int memorySize) {
        return Math.max(64, memorySize * 85 / 100);
    }
}
