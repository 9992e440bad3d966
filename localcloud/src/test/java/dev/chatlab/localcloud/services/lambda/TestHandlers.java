package dev.chatlab.localcloud.services.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sources of the small handlers the execution tests run, all in package {@code fn}. */
public final class TestHandlers {

    private TestHandlers() {
    }

    public static Map<String, String> all() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("fn.Echo", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.util.*;
                public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
                        System.out.println("echo says hello");
                        context.getLogger().log("logger says hello");
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("input", input);
                        out.put("requestId", context.getAwsRequestId());
                        out.put("functionName", context.getFunctionName());
                        out.put("functionVersion", context.getFunctionVersion());
                        out.put("invokedFunctionArn", context.getInvokedFunctionArn());
                        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
                        out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
                        out.put("logGroupName", context.getLogGroupName());
                        out.put("logStreamName", context.getLogStreamName());
                        return out;
                    }
                }
                """);
        sources.put("fn.Person", """
                package fn;
                public class Person {
                    private String name;
                    private int age;
                    public String getName() { return name; }
                    public void setName(String name) { this.name = name; }
                    public int getAge() { return age; }
                    public void setAge(int age) { this.age = age; }
                }
                """);
        sources.put("fn.Greeting", """
                package fn;
                public class Greeting {
                    private final String message;
                    public Greeting(String message) { this.message = message; }
                    public String getMessage() { return message; }
                }
                """);
        sources.put("fn.Greeter", """
                package fn;
                import com.amazonaws.services.lambda.runtime.Context;
                public class Greeter {
                    public Greeting greet(Person person, Context context) {
                        return new Greeting("Hello " + person.getName() + ", next year you are " + (person.getAge() + 1));
                    }
                    public static String shout(String text) {
                        return text.toUpperCase();
                    }
                }
                """);
        sources.put("fn.Upper", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.io.*;
                import java.nio.charset.StandardCharsets;
                public class Upper implements RequestStreamHandler {
                    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        out.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
                    }
                }
                """);
        sources.put("fn.Api", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import com.amazonaws.services.lambda.runtime.events.*;
                import java.util.Map;
                public class Api implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
                        String room = event.getPathParameters() == null ? null : event.getPathParameters().get("roomId");
                        String limit = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("limit");
                        return new APIGatewayProxyResponseEvent()
                                .withStatusCode(200)
                                .withHeaders(Map.of("Access-Control-Allow-Origin", "*"))
                                .withBody(event.getHttpMethod() + " " + event.getPath() + " room=" + room + " limit=" + limit);
                    }
                }
                """);
        sources.put("fn.Boom", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                public class Boom implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        throw new IllegalStateException("boom", new IllegalArgumentException("root cause"));
                    }
                }
                """);
        sources.put("fn.Forever", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                public class Forever implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        System.out.println("going to sleep");
                        while (true) {
                            try { Thread.sleep(10_000); } catch (InterruptedException e) { }
                        }
                    }
                }
                """);
        sources.put("fn.Exit", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                public class Exit implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        System.exit(3);
                        return "never";
                    }
                }
                """);
        sources.put("fn.InitOnceFails", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.nio.file.*;
                public class InitOnceFails implements RequestHandler<Object, String> {
                    public InitOnceFails() throws Exception {
                        Path marker = Path.of(System.getenv("MARKER"));
                        if (!Files.exists(marker)) {
                            Files.createFile(marker);
                            throw new IllegalStateException("cannot connect to the database");
                        }
                    }
                    public String handleRequest(Object input, Context context) {
                        return "initialised";
                    }
                }
                """);
        sources.put("fn.Loud", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                public class Loud implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        String line = "x".repeat(999);
                        for (int i = 0; i < 3000; i++) {
                            System.out.println(i + " " + line);
                        }
                        System.out.println("the last line");
                        return "done";
                    }
                }
                """);
        sources.put("fn.Env", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.util.*;
                public class Env implements RequestHandler<Object, Map<String, String>> {
                    public Map<String, String> handleRequest(Object input, Context context) {
                        Map<String, String> env = new TreeMap<>(System.getenv());
                        env.put("jvm.Xmx", String.valueOf(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
                        env.put("jvm.version", System.getProperty("java.specification.version"));
                        env.put("jvm.pid", String.valueOf(ProcessHandle.current().pid()));
                        env.put("jvm.args", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
                        return env;
                    }
                }
                """);
        sources.put("fn.Sleepy", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                public class Sleepy implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        try { Thread.sleep(1500); } catch (InterruptedException e) { }
                        return context.getLogStreamName();
                    }
                }
                """);
        sources.put("fn.Gathering", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.nio.file.*;
                import java.util.stream.*;
                /** Leaves a file in GATHERING_DIR, then waits (25 s at most) until GATHERING_COUNT invocations have left theirs. */
                public class Gathering implements RequestHandler<Object, String> {
                    public String handleRequest(Object input, Context context) {
                        try {
                            Path gathering = Path.of(System.getenv("GATHERING_DIR"));
                            int count = Integer.parseInt(System.getenv("GATHERING_COUNT"));
                            Files.createFile(gathering.resolve(context.getAwsRequestId()));
                            long deadline = System.nanoTime() + 25_000_000_000L;
                            while (System.nanoTime() < deadline) {
                                try (Stream<Path> arrived = Files.list(gathering)) {
                                    if (arrived.count() >= count) {
                                        break;
                                    }
                                }
                                Thread.sleep(20);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return context.getLogStreamName();
                    }
                }
                """);
        sources.put("fn.InitAhead", """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.util.*;
                public class InitAhead implements RequestHandler<Object, Map<String, String>> {
                    private final long constructedAt;
                    public InitAhead() {
                        if (System.getenv("FAIL_INIT") != null) {
                            throw new IllegalStateException("the init failed, as asked");
                        }
                        constructedAt = System.currentTimeMillis();
                        System.out.println("constructed at " + constructedAt);
                    }
                    public Map<String, String> handleRequest(Object input, Context context) {
                        return Map.of("constructedAt", String.valueOf(constructedAt), "jvm.pid", String.valueOf(ProcessHandle.current().pid()));
                    }
                }
                """);
        return sources;
    }
}
