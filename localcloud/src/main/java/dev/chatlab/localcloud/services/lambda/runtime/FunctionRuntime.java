package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import dev.chatlab.localcloud.services.lambda.model.RoleCredentials;
import dev.chatlab.localcloud.services.lambda.runtime.ExecutionRoles;
import dev.chatlab.localcloud.services.logs.LogsService;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs functions: one pool of instances (child JVMs) per function, the invocations through
 * them with Lambda's timeout, crash and init-error answers, and the log lines Lambda itself
 * writes (START, END, REPORT, timeouts). The Runtime API requests of the instances reach it
 * through {@link RuntimeApiEndpoint}.
 *
 * <p>Cold starts: each function revision's instances start from a class-data-sharing archive of
 * its own classes ({@link FunctionArchives}), and a new instance takes, when there is one, a JVM
 * started ahead for its revision ({@link SpareInstances}): {@link #prepare} keeps one ready for
 * every function that has no instance of its current revision (after a deploy, after its
 * instances idled out, after localcloud started), and runs its init phase ahead once it has
 * waited {@link #INIT_AHEAD_DELAY_MILLIS} unused. A spare that waits the idle time-out unused is
 * stopped, and the function then rests without one until it is called or changed: a lab left
 * alone for twice the idle time-out holds no function JVM.
 */
public final class FunctionRuntime implements AutoCloseable {

    /** Lambda's limit on a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final RuntimeSettings settings;
    private final LogsService logs;
    private final ExecutionRoles roles;
    private final CodeDirectories codeDirectories;
    /**
     * How long after a function's last change its spare starts: a deploy that changes a function
     * several times in a row (code, configuration, permissions, each a new revision) then starts
     * few spares that are replaced at once. It does not wait for the change to settle (Active,
     * LastUpdateStatus Successful, 0.8-1 s with the aws timing): the JVM boots the same for the
     * new revision before its hand-off, and booting while the student's deploy waits for the
     * update takes it off the first cold start after it (the first connect of a redeployed chat
     * otherwise met a spare that had started with it).
     */
    static final long SPARE_DELAY_MILLIS = 300;
    /** How often a revision whose class archive is still to be recorded is looked at again for a spare. */
    private static final long ARCHIVE_WAIT_MILLIS = 1_000;
    /**
     * An instance that recorded its revision's class archive ({@link FunctionArchives}) is stopped
     * once idle this long: the recording leaves its JVM at about 170 MB of resident memory against
     * 65-85 MB for one started from the archive, which a spare or the next cold start then is. One
     * that has not recorded yet (it records 20 s after its latest invocation) waits for the usual
     * idle time-out; stopped then, it records at its stop.
     */
    static final long RECORDER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * How long a spare waits, its JVM booted, before its init runs ahead: a call right after a
     * deploy takes the spare as it is, without four functions' inits running beside its own on the
     * student's few cores (measured: that made the first message after a redeploy 2.4 s instead of 1.8 s).
     */
    static final long INIT_AHEAD_DELAY_MILLIS = 2_000;
    /** How long a new instance's first invocation holds spares back (see {@link #coldStartRunning}). */
    static final long FIRST_INVOCATION_GATE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Spares start one at a time, this far apart: each is a JVM booting on the student's few cores. */
    private static final long SPARE_SPACING_MILLIS = 500;

    private final BootstrapArchive archive;
    private final InstanceLauncher launcher;
    private final SpareInstances spares = new SpareInstances();
    /** The newest revision of each function {@link #prepare} was told of: the one its spare is for. */
    private final Map<String, FunctionConfig> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService spareStarter;
    private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();
    /**
     * Functions whose spare waited the idle time-out unused: none starts for them again until they
     * are invoked or changed, so a lab nobody uses holds no function JVM.
     */
    private final Set<String> resting = ConcurrentHashMap.newKeySet();
    /** Per function, the revision whose init failed or overran when run ahead: its spares wait for their environment. */
    private final Map<String, FunctionConfig> initFailedAhead = new ConcurrentHashMap<>();
    /** The running instances by their Runtime API token. */
    private final Map<String, FunctionInstance> instances = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final Thread shutdownHook;

    /**
     * @param runtimeApiBase  host:port/prefix under which instances reach the Runtime API
     * @param endpointUrl     localcloud's endpoint, given to the functions as AWS_ENDPOINT_URL
     * @param codeDirectories the unpacked deployment packages, each held while a JVM runs from it
     * @param workDirectory   where the class-data-sharing archives of the bootstrap are kept
     */
    public FunctionRuntime(RuntimeSettings settings, LogsService logs, ExecutionRoles roles,
                           CodeDirectories codeDirectories, String runtimeApiBase, String endpointUrl,
                           Path workDirectory) {
        this.settings = settings;
        this.logs = logs;
        this.roles = roles;
        this.codeDirectories = codeDirectories;
        List<Path> bootstrap = BootstrapClasspath.entries();
        this.archive = new BootstrapArchive(workDirectory, bootstrap);
        this.launcher = new InstanceLauncher(runtimeApiBase, endpointUrl, bootstrap, new FunctionArchives(archive, settings.archivePauseMillis()));
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lambda-idle-reaper");
            thread.setDaemon(true);
            return thread;
        });
        this.spareStarter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lambda-spare-starter");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(5_000, settings.idleMillis() / 2));
        reaper.scheduleWithFixedDelay(this::reapIdleInstances, period, period, TimeUnit.MILLISECONDS);
        // a localcloud that exits without close() must not leave function JVMs behind
        this.shutdownHook = new Thread(this::stopAll, "lambda-instances-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Runs one invocation synchronously and answers as Lambda's Invoke does. */
    public InvokeResult invoke(FunctionConfig config, byte[] payload, boolean wantTail) {
        resting.remove(config.functionName());
        String requestId = UUID.randomUUID().toString();
        long timeoutMillis = config.timeout() * 1000L;
        long initLimit = settings.initLimitMillis() + timeoutMillis;
        InstancePool pool = pools.computeIfAbsent(config.functionName(),
                name -> new InstancePool(settings.maxInstancesPerFunction(), this::start));
        FunctionInstance instance;
        try {
            instance = pool.acquire(config, TimeUnit.MILLISECONDS.toNanos(initLimit + 2 * timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException("ServiceException", 500, "localcloud was interrupted while waiting for an instance.");
        }
        PendingInvocation invocation = new PendingInvocation(requestId, payload, timeoutMillis);
        if (instance.invocationCount() == 0) {
            // a new instance: once it takes this first event its init is over, and another may start
            invocation.handedOver.thenRun(() -> pool.initialized(instance));
        }
        PendingInvocation.Outcome outcome;
        try {
            instance.assign(invocation);
            outcome = await(instance, invocation, initLimit, config.timeout());
            if (outcome.fromFunction() && wantTail) {
                awaitQuietly(invocation);
            }
        } finally {
            instance.finished(invocation);
            pool.release(instance);
        }
        boolean answeredByFunction = outcome.fromFunction();
        if (outcome.fromFunction() && outcome.body().length > MAX_RESPONSE_BYTES) {
            outcome = new PendingInvocation.Outcome(ErrorDocuments.of("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."), true, false);
        }
        if (!answeredByFunction && invocation.handedOver.isDone()) {
            // timed out or crashed: no end-of-output line will come, so END and REPORT are written here
            instance.writeEnd(invocation);
        }
        return new InvokeResult(200, outcome.body(), outcome.functionError() ? "Unhandled" : null,
                wantTail ? invocation.tail() : null);
    }

    private static PendingInvocation.Outcome await(FunctionInstance instance, PendingInvocation invocation,
                                                   long initLimit, int timeoutSeconds) {
        try {
            CompletableFuture.anyOf(invocation.handedOver, invocation.outcome).get(initLimit, TimeUnit.MILLISECONDS);
            if (!invocation.outcome.isDone()) {
                long remaining = invocation.deadlineMillis - System.currentTimeMillis();
                return invocation.outcome.get(Math.max(1, remaining), TimeUnit.MILLISECONDS);
            }
            return invocation.outcome.get();
        } catch (TimeoutException e) {
            instance.kill();
            String message = "Task timed out after " + String.format(Locale.ROOT, "%.2f", (double) timeoutSeconds) + " seconds";
            instance.log(Instant.now() + " " + invocation.requestId + " " + message);
            invocation.appendTail(Instant.now() + " " + invocation.requestId + " " + message);
            return new PendingInvocation.Outcome(ErrorDocuments.of("Sandbox.Timedout",
                    "RequestId: " + invocation.requestId + " Error: " + message), true, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance.kill();
            throw new AwsException("ServiceException", 500, "localcloud was interrupted during the invocation.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 128 random bits, hex: a Runtime API path no other process can guess. */
    private static String secretToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Waits (briefly) until the instance's output for the invocation, and its END and REPORT lines,
     * are in its tail. Only for LogType Tail: otherwise Invoke answers at once and the lines reach
     * the log a moment later, as CloudWatch Logs has them only after a delay on AWS too.
     */
    private static void awaitQuietly(PendingInvocation invocation) {
        try {
            invocation.outputEnded.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A new instance of {@code config}'s revision: its spare when one waits (initialized ahead, or a
     * JVM that gets its environment now), else a JVM started now. The role's credentials are asked
     * for (IAM's word) and handed over when the instance gets its environment.
     */
    private FunctionInstance start(FunctionConfig config) {
        Optional<SpareInstances.Spare> spare = spares.take(config);
        if (spare.isPresent() && spare.get().initialized().isPresent()) {
            return spare.get().initialized().get();
        }
        String id = spare.map(SpareInstances.Spare::instanceId).orElseGet(FunctionRuntime::newInstanceId);
        String stream = spare.map(SpareInstances.Spare::logStream).orElseGet(() -> logStreamOf(id));
        FunctionInstance instance = newInstance(config, id, stream);
        RoleCredentials credentials;
        try {
            credentials = roles.credentialsFor(config.role(), config.functionName());
        } catch (RuntimeException refused) {
            spare.ifPresent(unused -> unused.process().destroyForcibly());
            throw refused;
        }
        Path code = spare.map(SpareInstances.Spare::codeDirectory).orElseGet(() -> codeDirectories.hold(config));
        try {
            Process process = spare.isPresent() ? spare.get().process() : launch(config, code, stream);
            handOff(instance, process, code, credentials);
        } catch (IOException e) {
            throw new AwsException("ServiceException", 500, "localcloud could not start a JVM for the function: " + e.getMessage());
        }
        return instance;
    }

    /**
     * Starts a JVM for {@code config} in {@code code}, which the caller {@linkplain CodeDirectories#hold held}
     * for it: released when the JVM exits (or does not start), so that code the function no longer
     * runs is deleted only once no JVM runs from it.
     */
    private Process launch(FunctionConfig config, Path code, String logStream) throws IOException {
        Process process;
        try {
            process = launcher.start(config, code, logGroupOf(config.functionName()), logStream);
        } catch (IOException | RuntimeException notStarted) {
            codeDirectories.release(code);
            throw notStarted;
        }
        process.onExit().thenRun(() -> codeDirectories.release(code));
        return process;
    }

    /** An instance of {@code config} with its own secret Runtime API path, not started yet. */
    private FunctionInstance newInstance(FunctionConfig config, String id, String logStream) {
        return new FunctionInstance(id, secretToken(), config, logGroupOf(config.functionName()), logStream, logs);
    }

    /** Makes {@code process} the instance: its environment and credentials through stdin, then its init phase runs. */
    private void handOff(FunctionInstance instance, Process process, Path code, RoleCredentials credentials) {
        String token = instance.runtimeApiToken;
        instances.put(token, instance);
        launcher.handOff(process, instance, code, credentials);
        boolean recorder = launcher.records(process.toHandle());
        instance.started(process, () -> recorder && codeDirectories.servesLaterJvms(code));
        process.onExit().thenRun(() -> instances.remove(token));
    }

    private static String newInstanceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String logStreamOf(String instanceId) {
        return STREAM_DATE.format(Instant.now()) + "/[$LATEST]" + instanceId;
    }

    /**
     * {@code config} is the function's newest revision (it was created or changed, or localcloud
     * started with it): shortly, unless it changes again, a JVM starts for its next cold start
     * (see {@link SpareInstances}), unless spares are turned off. The bootstrap's archive is
     * recorded now if it is not yet: a cloud records it once it has a function, not at its start
     * (the suite's clouds that never run one recorded it for nothing, about a second of CPU each).
     */
    public void prepare(FunctionConfig config) {
        archive.prepare(RuntimeSettings.javaFor(config.runtime()));
        resting.remove(config.functionName());
        prepareSpare(config);
    }

    private void prepareSpare(FunctionConfig config) {
        if (!settings.spareInstances()) {
            return;
        }
        latest.put(config.functionName(), config);
        try {
            scheduleSpare(config, SPARE_DELAY_MILLIS);
        } catch (RejectedExecutionException closed) {
            // localcloud is stopping
        }
    }

    private void scheduleSpare(FunctionConfig config, long delayMillis) {
        spareStarter.schedule(() -> startSpare(config), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts a spare for {@code config} if it is still the newest revision and nothing of it runs or waits yet. */
    private void startSpare(FunctionConfig config) {
        FunctionConfig newest = latest.get(config.functionName());
        if (newest == null || !newest.revisionId().equals(config.revisionId())) {
            return;
        }
        spares.retainOnly(config);
        InstancePool pool = pools.get(config.functionName());
        if (spares.has(config) || (pool != null && pool.runsRevision(config))) {
            return;
        }
        if (coldStartRunning()) {
            // a JVM booting beside a cold start on the student's few cores would slow it down
            scheduleSpare(config, SPARE_DELAY_MILLIS);
            return;
        }
        String id = newInstanceId();
        String stream = logStreamOf(id);
        try {
            Path code = codeDirectories.hold(config);
            if (!launcher.mayStartAhead(config, code)) {
                codeDirectories.release(code);
                // new code: its first instance starts on demand and records the class archive the spares will start from
                scheduleSpare(config, ARCHIVE_WAIT_MILLIS);
                return;
            }
            Process process = launch(config, code, stream);
            spares.add(new SpareInstances.Spare(config, id, stream, code, process));
            scheduleInitAhead(config, INIT_AHEAD_DELAY_MILLIS);
            Thread.sleep(SPARE_SPACING_MILLIS);
        } catch (IOException | RuntimeException e) {
            // no spare: the next cold start starts its JVM itself, as without spares
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True while a new instance runs its init or (for its first {@link #FIRST_INVOCATION_GATE_NANOS})
     * its first invocation: the first request of a young JVM (its SDK client's first call, classes
     * loaded, code interpreted) costs as much CPU as its init, and the caller waits for it. A first
     * invocation that runs longer is the function's own work, and spares do not wait for its end.
     */
    private boolean coldStartRunning() {
        return pools.values().stream().anyMatch(pool -> pool.coldStarting(FIRST_INVOCATION_GATE_NANOS));
    }

    private void scheduleInitAhead(FunctionConfig config, long delayMillis) {
        spareStarter.schedule(() -> initializeAhead(config), delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Hands {@code config}'s waiting spare its environment, so that its init phase runs now, ahead
     * of its first invoke (see {@link SpareInstances}). Not while a cold start runs ({@link
     * #coldStartRunning}: it would slow that down), and not when the role gives no credentials yet
     * or the revision's init failed or overran ahead before: the spare then waits, and its init runs
     * at its cold start.
     */
    private void initializeAhead(FunctionConfig config) {
        if (!spares.waitsForEnvironment(config)) {
            return; // a cold start took it, or a newer revision replaced it: no credentials are asked for
        }
        if (coldStartRunning()) {
            scheduleInitAhead(config, SPARE_DELAY_MILLIS);
            return;
        }
        FunctionConfig failed = initFailedAhead.get(config.functionName());
        if (failed != null && failed.runsAs(config)) {
            return;
        }
        RoleCredentials credentials;
        try {
            credentials = roles.credentialsFor(config.role(), config.functionName());
        } catch (RuntimeException notYet) {
            return;
        }
        Optional<SpareInstances.Spare> waiting = spares.takeWaitingForEnvironment(config);
        if (waiting.isEmpty()) {
            return;
        }
        SpareInstances.Spare plain = waiting.get();
        FunctionInstance instance = newInstance(config, plain.instanceId(), plain.logStream());
        instance.initializeAhead();
        handOff(instance, plain.process(), plain.codeDirectory(), credentials);
        SpareInstances.Spare initialized = plain.initializedAs(instance);
        spares.add(initialized);
        try {
            awaitInitAhead(initialized, instance);
            Thread.sleep(SPARE_SPACING_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits, on the spare starter's thread, until the spare's init is over, so that the next spare
     * does not boot beside it; an init that fails or overruns Lambda's init limit stops the spare
     * (unless a cold start took it meanwhile: its invoke then answers for it) and leaves the
     * revision's later spares to initialize on demand, so that a failing init is not run again and again.
     */
    private void awaitInitAhead(SpareInstances.Spare spare, FunctionInstance instance) throws InterruptedException {
        try {
            CompletableFuture.anyOf(instance.initEnded(), spare.process().onExit()).get(settings.initLimitMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException overran) {
            // judged below
        }
        if (!instance.initEnded().isDone()) {
            initFailedAhead.put(spare.functionName(), spare.config());
            if (spares.discard(spare)) {
                instance.kill();
            }
        }
    }

    /**
     * Stops idle instances; a function left without any gets a spare for its next cold start,
     * unless its spare already waited the idle time-out unused (then it rests: no JVM until it is called).
     */
    private void reapIdleInstances() {
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleMillis());
        resting.addAll(spares.discardUnusedFor(idleNanos));
        pools.forEach((name, pool) -> {
            pool.reap(idleNanos, RECORDER_IDLE_NANOS, this::recordedItsArchive);
            FunctionConfig newest = latest.get(name);
            if (newest != null && pool.size() == 0 && !spares.has(newest) && !resting.contains(name)) {
                prepareSpare(newest);
            }
        });
    }

    private boolean recordedItsArchive(FunctionInstance instance) {
        return instance.processHandle()
                .map(process -> launcher.recorded(instance.config, process))
                .orElse(false);
    }

    /**
     * Waits until the class-data-sharing archive that java21 instances start from is recorded
     * (localcloud records it in the background once it has a function). For benchmarks: an instance
     * started before then starts slower than any of the lab's. False when there is none.
     */
    public boolean awaitStartupArchive(Duration timeout) {
        return archive.await(RuntimeSettings.javaFor("java21"), timeout.toMillis());
    }

    public static String logGroupOf(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** The instance whose Runtime API path holds {@code token}. */
    Optional<FunctionInstance> instance(String token) {
        return Optional.ofNullable(instances.get(token));
    }

    long longPollMillis() {
        return settings.longPollMillis();
    }

    /** Stops every instance of a function (it was deleted). */
    public void stopInstances(String functionName) {
        latest.remove(functionName);
        resting.remove(functionName);
        initFailedAhead.remove(functionName);
        spares.discard(functionName);
        InstancePool pool = pools.remove(functionName);
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** The process id of the JVM waiting for the function's next cold start, if one waits (see {@link SpareInstances}). */
    public Optional<Long> sparePid(String functionName) {
        return spares.pidOf(functionName);
    }

    /** How many instances of the function are running (busy or idle). */
    public int instanceCount(String functionName) {
        InstancePool pool = pools.get(functionName);
        return pool == null ? 0 : pool.size();
    }

    /** Stops every JVM; a recorder that has not recorded yet records at its stop, so a cloud stopped soon after an up keeps its archives. */
    private void stopAll() {
        spares.discardAll();
        pools.values().forEach(InstancePool::shutdown);
        instances.values().forEach(FunctionInstance::retire);
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        spareStarter.shutdownNow();
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }
}
