package dev.chatlab.bench;

import dev.chatlab.bench.noop.NoopFunction;
import dev.chatlab.bench.noop.NoopPojoHandler;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.services.lambda.LambdaService;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Lambda's costs with a no-op Java function: cold start (CreateFunction to the first answer, and
 * the first invoke of a new instance, also after UpdateFunctionConfiguration replaced the
 * instances), warm invoke latency from one caller and from {@code --clients} concurrent ones,
 * and the resident memory of an idle instance. With an in-process cloud it also times Invoke
 * through localcloud's Java API (no SDK, no HTTP to localcloud) and a GET of the Lambda API
 * that does not run the function, which together say where a warm invoke's time goes.
 */
@Command(name = "lambda", mixinStandardHelpOptions = true,
        description = "Cold start, warm invoke latency (p50/p99/max), invokes/s and idle memory of a no-op Java function.")
final class LambdaBench implements Callable<Integer> {

    /** The targets of the kit's issue 5. */
    static final double WARM_P50_TARGET_MILLIS = 2;
    static final double FIRST_INVOKE_TARGET_MILLIS = 1000;
    static final double IDLE_RESIDENT_TARGET_MB = 150;

    private static final SdkBytes EVENT = SdkBytes.fromUtf8String("{\"hello\":\"world\"}");
    private static final String ANSWER = "\"ok\"";

    @Mixin
    BenchOptions options;

    @Option(names = "--memory", defaultValue = "512", description = "the function's MemorySize in MB (default: ${DEFAULT-VALUE})")
    int memorySize;

    @Option(names = "--cold-starts", defaultValue = "3",
            description = "new instances forced by UpdateFunctionConfiguration, each first invoke timed (default: ${DEFAULT-VALUE})")
    int coldStarts;

    @Override
    public Integer call() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String roleName = "bench-lambda-" + suffix;
        String function = "bench-noop-" + suffix;
        byte[] zip = NoopFunction.packageBytes(NoopPojoHandler.class, false);
        List<Measurement> measurements = new ArrayList<>();
        List<BenchResult> results = new ArrayList<>();
        List<LambdaClient> callers = new ArrayList<>();
        try (BenchTarget target = BenchTarget.open(options);
             IamClient iam = target.client(IamClient.builder());
             LambdaClient admin = target.client(LambdaClient.builder())) {
            String roleArn = iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(NoopFunction.TRUST_LAMBDA)).role().arn();
            try {
                for (int i = 0; i < options.clients; i++) {
                    callers.add(target.client(LambdaClient.builder()));
                }
                target.inProcessCloud().ifPresent(cloud -> awaitStartupArchive(cloud));
                try {
                    measureColdStarts(admin, function, roleArn, zip, measurements);
                    results.addAll(measureWarm(target, callers, admin, function));
                    measureIdleMemory(target, function, measurements);
                } finally {
                    try {
                        admin.deleteFunction(b -> b.functionName(function));
                    } catch (ResourceNotFoundException neverCreated) {
                        // CreateFunction itself failed: nothing to clean up
                    }
                }
            } finally {
                iam.deleteRole(b -> b.roleName(roleName));
            }
            System.out.println();
            BenchResult.printTable(results, System.out);
            System.out.println();
            judgeWarmLatency(results.get(0), measurements);
            Measurement.printTable(measurements, System.out);
            Map<String, Object> document = target.jsonHeader("lambda");
            document.put("memorySize", memorySize);
            document.put("measurements", measurements);
            document.put("results", results);
            target.writeJson(document);
        } finally {
            callers.forEach(LambdaClient::close);
        }
        return 0;
    }

    /**
     * A first instance started before localcloud recorded its class-data-sharing archive starts
     * slower than any instance of the lab does (the lab's cloud recorded it long before step 6).
     */
    private static void awaitStartupArchive(LocalCloud cloud) {
        if (!cloud.services().lambda().runtime().awaitStartupArchive(Duration.ofSeconds(60))) {
            System.out.println("(no class-data-sharing archive for instances: they start without it)");
        }
    }

    private void measureColdStarts(LambdaClient admin, String function, String roleArn, byte[] zip, List<Measurement> measurements) {
        System.out.println("cold starts: CreateFunction, then " + coldStarts + " x UpdateFunctionConfiguration ...");
        try (LambdaWaiter waiter = LambdaWaiter.builder().client(admin)
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))).maxAttempts(3000))
                .build()) {
            warmUpClient(admin, function);
            long created = System.nanoTime();
            admin.createFunction(b -> b.functionName(function).runtime("java21").role(roleArn).handler(NoopPojoHandler.class.getName())
                    .memorySize(memorySize).timeout(10).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
            waiter.waitUntilFunctionActiveV2(b -> b.functionName(function));
            long active = System.nanoTime();
            invoke(admin, function);
            long answered = System.nanoTime();
            measurements.add(Measurement.of("CreateFunction -> first answer", Measurement.millis(millisBetween(created, answered))));
            measurements.add(Measurement.of("  of which CreateFunction until Active", Measurement.millis(millisBetween(created, active))));
            measurements.add(firstInvoke("first invoke of a new instance (created)", new double[] {millisBetween(active, answered)}));

            double[] afterUpdate = new double[coldStarts];
            for (int round = 0; round < coldStarts; round++) {
                String revision = Integer.toString(round + 1);
                admin.updateFunctionConfiguration(b -> b.functionName(function).environment(e -> e.variables(Map.of("BENCH_ROUND", revision))));
                waiter.waitUntilFunctionUpdatedV2(b -> b.functionName(function));
                long before = System.nanoTime();
                invoke(admin, function);
                afterUpdate[round] = millisBetween(before, System.nanoTime());
            }
            if (coldStarts > 0) {
                measurements.add(firstInvoke("first invoke of a new instance (updated)", afterUpdate));
            }
        }
    }

    /**
     * The SDK client's first calls load and initialise its classes for a good part of a second;
     * made here, before anything is timed, so that the cold start measured is the cloud's.
     */
    private static void warmUpClient(LambdaClient admin, String function) {
        admin.listFunctions(b -> b.maxItems(1));
        try {
            admin.invoke(b -> b.functionName(function).invocationType(InvocationType.DRY_RUN).payload(EVENT));
        } catch (ResourceNotFoundException expected) {
            // the function does not exist yet: the Invoke path of the client is loaded all the same
        }
    }

    /** min-max (median) of first invokes, held to the target by the slowest. */
    private static Measurement firstInvoke(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double slowest = sorted[sorted.length - 1];
        String value = sorted.length == 1 ? Measurement.millis(slowest)
                : String.format(Locale.ROOT, "%.0f-%.0f ms (median %.0f, n=%d)", sorted[0], slowest, sorted[sorted.length / 2], sorted.length);
        return new Measurement(what, value, "< 1 s", slowest < FIRST_INVOKE_TARGET_MILLIS);
    }

    /**
     * The warm Invoke rows first in the list, though measured last: the comparison rows before
     * them share most of their code path, so the JIT has compiled it by then and the Invoke rows
     * show the steady state rather than compilation still going on.
     */
    private List<BenchResult> measureWarm(BenchTarget target, List<LambdaClient> callers, LambdaClient admin, String function)
            throws InterruptedException {
        List<BenchResult> comparisons = new ArrayList<>();
        System.out.println("for comparison: Invoke DryRun, GetFunctionConfiguration"
                + (target.inProcessCloud().isPresent() ? ", Invoke through localcloud's Java API" : "") + " ...");
        // the same request, checked but not run: the SDK, HTTP and the API's share of an Invoke
        comparisons.add(LoadRunner.run("Invoke DryRun (not run)", 1, options.warmUp(), options.duration(),
                i -> () -> admin.invoke(b -> b.functionName(function).invocationType(InvocationType.DRY_RUN).payload(EVENT))));
        // a call without a request body
        comparisons.add(LoadRunner.run("GetFunctionConfiguration", 1, options.warmUp(), options.duration(),
                i -> () -> admin.getFunctionConfiguration(b -> b.functionName(function))));
        if (target.inProcessCloud().isPresent()) {
            // running the function alone: localcloud, the Runtime API and the instance, without the SDK and HTTP to localcloud
            LambdaService service = target.inProcessCloud().get().services().lambda();
            byte[] event = EVENT.asByteArray();
            comparisons.add(LoadRunner.run("Invoke, Java API (no SDK)", 1, options.warmUp(), options.duration(),
                    i -> () -> check(service.invoke(function, event))));
        }
        List<BenchResult> results = new ArrayList<>();
        System.out.println("warm Invoke: 1 caller, " + options.durationSeconds + " s ...");
        results.add(LoadRunner.run("Invoke (no-op)", 1, options.warmUp(), options.duration(), i -> {
            LambdaClient lambda = callers.get(i);
            return () -> invoke(lambda, function);
        }));
        if (options.clients > 1) {
            System.out.println("warm Invoke: " + options.clients + " callers, " + options.durationSeconds + " s ...");
            results.add(LoadRunner.run("Invoke (no-op)", options.clients, options.warmUp(), options.duration(), i -> {
                LambdaClient lambda = callers.get(i);
                return () -> invoke(lambda, function);
            }));
        }
        results.addAll(comparisons);
        return results;
    }

    private static void invoke(LambdaClient lambda, String function) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(EVENT));
        if (response.functionError() != null || !ANSWER.equals(response.payload().asUtf8String())) {
            throw new IllegalStateException("the function failed: " + response.payload().asUtf8String());
        }
    }

    private static void check(InvokeResult result) {
        if (result.failed() || !ANSWER.equals(new String(result.payload(), StandardCharsets.UTF_8))) {
            throw new IllegalStateException("the function failed: " + new String(result.payload(), StandardCharsets.UTF_8));
        }
    }

    /** The instances left after the load, once idle: VmRSS of each (Linux only). */
    private static void measureIdleMemory(BenchTarget target, String function, List<Measurement> measurements)
            throws InterruptedException {
        String what = "idle instance resident memory (VmRSS)";
        if (!target.onThisMachine()) {
            measurements.add(Measurement.of(what, "n/a (the cloud is on another machine)"));
            return;
        }
        Thread.sleep(2000); // idle: whatever the last invokes allocated is settled
        List<ProcessHandle> instances = InstanceProcesses.of(function, target.inProcessCloud().isPresent());
        List<Long> resident = instances.stream().map(instance -> ProcessMemory.residentKilobytes(instance.pid()))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).sorted().toList();
        if (resident.isEmpty()) {
            measurements.add(Measurement.of(what, instances.isEmpty() ? "n/a (no instance found)" : "n/a (no /proc on this OS)"));
            return;
        }
        double least = resident.get(0) / 1024.0;
        double most = resident.get(resident.size() - 1) / 1024.0;
        long fromArchive = instances.stream().filter(InstanceProcesses::usesStartupArchive).count();
        measurements.add(new Measurement(what, String.format(Locale.ROOT, "%.0f-%.0f MB (%d instances)", least, most, resident.size()),
                "< 150 MB", most < IDLE_RESIDENT_TARGET_MB));
        measurements.add(Measurement.of("instances started from the CDS archive", fromArchive + " of " + instances.size()));
    }

    private static void judgeWarmLatency(BenchResult oneCaller, List<Measurement> measurements) {
        measurements.add(new Measurement("warm invoke p50, 1 caller", Measurement.millis(oneCaller.p50Millis()), "< 2 ms",
                oneCaller.p50Millis() < WARM_P50_TARGET_MILLIS));
    }

    private static double millisBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
