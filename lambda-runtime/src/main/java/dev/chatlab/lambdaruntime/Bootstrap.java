package dev.chatlab.lambdaruntime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The main class of a local Lambda function instance (its own JVM): takes the function's
 * environment from localcloud through stdin ({@link PipedEnvironment}), loads the handler
 * (the init phase), then asks the Runtime API for events and posts each answer or error,
 * until localcloud ends the process.
 *
 * <p>After each invocation it writes {@link #END_OF_INVOCATION} and the request id to stdout,
 * a line that localcloud's log reader drops: once it reads it, the function's output for that
 * invocation is complete, so the log tail that Invoke returns holds all of it.
 */
public final class Bootstrap {

    /** Starts the line that ends an invocation's output (ASCII unit separator: never in text a handler prints). */
    public static final String END_OF_INVOCATION = "\u001Flocalcloud:end-of-invocation ";

    /**
     * The system property by which localcloud asks an instance to record its classes, once, after
     * a pause after its invocations or at its stop (the archive's path, relative to the function's directory): see ClassArchiveRecorder.
     */
    public static final String RECORD_CLASS_ARCHIVE = "localcloud.recordClassArchive";

    /** How long, in milliseconds, the recorder waits after an invocation before it records (see ClassArchiveRecorder; default 20 s). */
    public static final String RECORDING_PAUSE_MILLIS = "localcloud.recordClassArchivePauseMillis";

    /**
     * Where the recorder of {@code archive} has the JVM list the classes it loads
     * ({@code -XX:DumpLoadedClassList}): it links them before its dump (see ClassArchiveRecorder).
     */
    public static String classListOf(String archive) {
        return archive + ".classes";
    }

    private Bootstrap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--warm-up")) {
            WarmUp.run();
            return;
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        if (!variables.containsKey("AWS_LAMBDA_RUNTIME_API")) {
            // started by localcloud: the environment comes through stdin (see PipedEnvironment)
            if (System.in.available() == 0) {
                // a JVM started ahead of its cold start (localcloud's SpareInstances): while it waits for its
                // environment, the runtime's own start-up work (serializers, error documents, HTTP), none of the function's
                WarmUp.run();
            }
            Map<String, String> piped = PipedEnvironment.read(System.in);
            if (!PipedEnvironment.install(piped)) {
                System.err.println("localcloud: the function's variables could not be put into System.getenv();"
                        + " its AWS credentials are in the system properties aws.accessKeyId, aws.secretAccessKey and aws.sessionToken.");
            }
            variables.putAll(piped);
        }
        FunctionEnvironment environment = FunctionEnvironment.from(variables);
        if (environment.runtimeApi() == null) {
            System.err.println("AWS_LAMBDA_RUNTIME_API is not set: this program runs inside a Lambda function instance.");
            System.exit(2);
        }
        PrintStream stdout = System.out;
        RuntimeApiClient api = new RuntimeApiClient(environment.runtimeApi());
        StdoutLogger logger = new StdoutLogger(stdout);
        FunctionHandler handler;
        try {
            handler = HandlerLoader.load(environment.handler(), Bootstrap.class.getClassLoader());
        } catch (Throwable failure) {
            reportInitError(api, failure);
            System.exit(1);
            return;
        }
        ClassArchiveRecorder.recordAtExitIfAsked();
        try {
            serve(api, handler, environment, logger, stdout);
        } catch (IOException e) {
            System.err.println("The Runtime API went away: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(RuntimeApiClient api, FunctionHandler handler, FunctionEnvironment environment,
                              StdoutLogger logger, PrintStream stdout) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
        while (true) {
            Optional<RuntimeApiClient.Invocation> next = api.next();
            if (next.isEmpty()) {
                continue;
            }
            RuntimeApiClient.Invocation invocation = next.get();
            response.reset();
            InvocationContext context = new InvocationContext(invocation, environment, logger);
            byte[] errorJson = null;
            String errorType = null;
            try {
                handler.handle(new ByteArrayInputStream(invocation.event()), response, context);
            } catch (Throwable thrown) {
                Throwable failure = ErrorJson.unwrap(thrown);
                errorType = failure.getClass().getName();
                errorJson = ErrorJson.of(failure);
                // the managed runtime logs the error as well as returning it
                System.err.println(new String(errorJson, StandardCharsets.UTF_8));
            }
            endOfOutput(stdout, invocation.requestId());
            if (errorJson == null) {
                api.respond(invocation.requestId(), response.toByteArray());
            } else {
                api.error(invocation.requestId(), errorType, errorJson);
            }
            ClassArchiveRecorder.invocationServed();
        }
    }

    private static void endOfOutput(PrintStream stdout, String requestId) {
        System.err.flush();
        synchronized (stdout) {
            stdout.print(END_OF_INVOCATION + requestId + "\n");
            stdout.flush();
        }
    }

    private static void reportInitError(RuntimeApiClient api, Throwable thrown) {
        Throwable failure = ErrorJson.unwrap(thrown);
        String errorType;
        byte[] json;
        if (failure instanceof HandlerFault fault) {
            errorType = fault.errorType();
            json = ErrorJson.of(fault.errorType(), fault.getMessage());
        } else {
            errorType = failure.getClass().getName();
            json = ErrorJson.of(failure);
        }
        System.err.println(new String(json, StandardCharsets.UTF_8));
        System.err.flush();
        try {
            api.initError(errorType, json);
        } catch (IOException e) {
            System.err.println("could not report the init error: " + e.getMessage());
        }
    }
}
