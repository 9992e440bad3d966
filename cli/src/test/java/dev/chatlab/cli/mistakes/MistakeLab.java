package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chatlab.cli.Kit;
import dev.chatlab.cli.LabCli;
import dev.chatlab.cli.LabRun;
import dev.chatlab.cli.StepCompiler;
import dev.chatlab.cli.StepScript;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabOptions;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A complete lab to make mistakes in: one fresh localcloud on free ports and {@code lab up}
 * (the eight solution steps), shared by every mistake test of the test JVM, because building
 * it takes minutes and a mistake test undoes what it did. The checks run in-process, compiled
 * from {@code solutions/}, so one check costs what its calls to the cloud cost, not two JVMs.
 *
 * <p>A mistake test makes the mistake the way a console user would (SDK calls), asserts that
 * the step's check fails first on the check that names it, with the hint that fixes it, undoes
 * the mistake and asserts the step passes again.
 */
public final class MistakeLab {

    private static MistakeLab shared;
    private static Throwable notBuilt;

    private final Path state;
    private final List<String> common;
    private final Lab lab;
    private final Map<Integer, LabStep> steps = new HashMap<>();

    private MistakeLab() throws IOException {
        state = Files.createTempDirectory("mistake-lab");
        int port = freePort();
        String prefix = "mis-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        // fast timing: the mistakes' subject is what the checks say, not how long AWS takes (StepsEndToEndTest runs the aws timing)
        common = List.of("--endpoint", "http://localhost:" + port, "--dns-port", String.valueOf(freePort()),
                "--state-dir", state.toString(), "--prefix", prefix, "--lang", "en", "--timing", "fast");
        LabOptions options = new LabOptions();
        options.endpoint = "http://localhost:" + port;
        options.prefix = prefix;
        options.lang = "en";
        Kit kit = Kit.locate(state);
        lab = new Lab(LabSettings.resolve(options, kit.root(), kit.stateDirectory()),
                new Console(new PrintStream(System.out, true), false, Lang.EN));
    }

    /** The lab of this test JVM, built by the first test that asks (every step's solution, then checked). */
    public static synchronized MistakeLab shared() {
        if (notBuilt != null) {
            // building it again for every test class would cost minutes each and fail the same way
            throw new AssertionError("the shared lab could not be built (the first test that asked for it says why)", notBuilt);
        }
        if (shared == null) {
            try {
                MistakeLab built = new MistakeLab();
                // stopped, then wiped (reset starts no cloud that is not running): by the suite's end its state, each
                // function's unpacked code and class archive for each revision, holds gigabytes, which runs left in /tmp
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    built.lab("cloud", "stop");
                    built.lab("cloud", "reset");
                }));
                assertEquals(0, built.lab("up"), "the solutions' lab must build and pass before mistakes are made in it");
                shared = built;
            } catch (IOException e) {
                notBuilt = e;
                throw new UncheckedIOException(e);
            } catch (RuntimeException | AssertionError e) {
                notBuilt = e;
                throw e;
            }
        }
        return shared;
    }

    /** SDK clients, names and the web client of this lab. */
    public Lab lab() {
        return lab;
    }

    /** The options that reach this lab's localcloud (endpoint, DNS port): what a second lab in the same cloud passes too. */
    public List<String> cloudOptions() {
        return common.subList(0, 4);
    }

    /** Runs the lab command on this lab (its endpoint, state, prefix, English). */
    public int lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return LabCli.execute(all.toArray(String[]::new));
    }

    /** Runs the lab command on this lab as {@link #lab(String...)} does, answering what it printed too. */
    public LabRun labRun(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return LabRun.of(all.toArray(String[]::new));
    }

    /** Runs step {@code number}'s check (the solution's, in this JVM) and answers its results. */
    public List<CheckResult> check(int number) {
        Checks checks = new Checks(Lang.EN);
        LabStep step = step(number);
        try {
            step.check(lab, checks);
        } catch (Exception e) {
            checks.check(Text.of("the checks themselves", "확인 과정"), () -> {
                throw e;
            });
        }
        return checks.results();
    }

    /**
     * Runs the run part of step {@code number} in this JVM, from its solution as {@code edit}
     * rewrites it (a wrongly completed exercise; {@code UnaryOperator.identity()} for the
     * solution itself), and answers what it printed.
     */
    public String run(int number, UnaryOperator<String> edit) {
        Kit kit = Kit.locate(state);
        StepScript script = StepScript.of(kit, number).orElseThrow(() -> new IllegalArgumentException("no step " + number));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            String source = Files.readString(script.solution());
            String edited = edit.apply(source);
            Path variant = Files.createTempDirectory(state, "variant");
            Path file = variant.resolve(script.solution().getFileName());
            Files.writeString(file, edited);
            Path classes = Files.createDirectories(variant.resolve("classes"));
            StepCompiler.compile(List.of(file), classes);
            try (Lab printing = new Lab(lab.settings(), new Console(new PrintStream(printed, true, StandardCharsets.UTF_8), false, Lang.EN))) {
                StepCompiler.instantiate(classes, StepCompiler.className(file)).run(printing);
            }
        } catch (Exception e) {
            throw new IllegalStateException("step " + number + " stopped: " + e + "\n" + printed.toString(StandardCharsets.UTF_8), e);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /**
     * Asserts that step {@code number}'s check fails, and that the first check that fails is
     * the one about this mistake ({@code checkNameContains}) with the hint that fixes it.
     */
    public void assertFailsFirstOn(int number, String checkNameContains, String hintContains) {
        List<CheckResult> results = check(number);
        CheckResult first = results.stream().filter(CheckResult::failed).findFirst()
                .orElseGet(() -> fail("step " + number + "'s check passed despite the mistake:\n" + describe(results)));
        assertTrue(first.name().contains(checkNameContains) && first.detail().contains(hintContains),
                "the first failing check of step " + number + " should be \"" + checkNameContains + "\" with a hint about \""
                        + hintContains + "\":\n" + describe(results));
    }

    /** Asserts that every check of step {@code number} passes (or is skipped with a reason). */
    public void assertPasses(int number) {
        List<CheckResult> results = check(number);
        assertTrue(results.stream().noneMatch(CheckResult::failed), "step " + number + " should pass:\n" + describe(results));
    }

    /**
     * Replaces an object of the site's bucket the way a console upload does (same type and
     * caching) with what {@code mistake} makes of it, runs {@code assertion}, puts the original back.
     */
    public void withSiteObject(String key, UnaryOperator<String> mistake, Runnable assertion) {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        ResponseBytes<GetObjectResponse> right = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        GetObjectResponse meta = right.response();
        String wrong = mistake.apply(right.asUtf8String());
        assertTrue(!wrong.equals(right.asUtf8String()), "the mistake changed nothing in " + key);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(meta.contentType()).cacheControl(meta.cacheControl()), RequestBody.fromString(wrong));
        try {
            assertion.run();
        } finally {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(meta.contentType()).cacheControl(meta.cacheControl()),
                    RequestBody.fromBytes(right.asByteArray()));
        }
    }

    /** Changes {@code function}'s configuration as the console does, runs {@code assertion}, puts the old configuration back. */
    public void withFunctionConfiguration(String function, Consumer<UpdateFunctionConfigurationRequest.Builder> mistake, Runnable assertion) {
        LambdaClient lambda = lab.client(LambdaClient.builder());
        GetFunctionConfigurationResponse right = lambda.getFunctionConfiguration(b -> b.functionName(function));
        lambda.updateFunctionConfiguration(b -> mistake.accept(b.functionName(function)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        try {
            assertion.run();
        } finally {
            lambda.updateFunctionConfiguration(b -> b.functionName(function).handler(right.handler()).timeout(right.timeout())
                    .memorySize(right.memorySize()).environment(e -> e.variables(right.environment().variables())));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        }
    }

    /** {@link #withFunctionConfiguration} for some environment variables of {@code function}. */
    public void withFunctionEnvironment(String function, Map<String, String> changes, Runnable assertion) {
        Map<String, String> wrong = new HashMap<>(lab.client(LambdaClient.builder())
                .getFunctionConfiguration(b -> b.functionName(function)).environment().variables());
        wrong.putAll(changes);
        withFunctionConfiguration(function, b -> b.environment(e -> e.variables(wrong)), assertion);
    }

    public static String describe(List<CheckResult> results) {
        return results.stream().map(r -> "  " + r.status() + "  " + r.name() + (r.detail().isEmpty() ? "" : "  → " + r.detail()))
                .collect(Collectors.joining("\n"));
    }

    private synchronized LabStep step(int number) {
        return steps.computeIfAbsent(number, n -> {
            Kit kit = Kit.locate(state);
            StepScript script = StepScript.of(kit, n).orElseThrow(() -> new IllegalArgumentException("no step " + n));
            return new StepCompiler(state.resolve("classes")).load(script.solution());
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
