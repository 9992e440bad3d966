package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * {@code Bootstrap --warm-up}: runs the start-up path of an instance without a Runtime API, so
 * that localcloud can record the classes it loads in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}) and start every later instance from it, faster; and what a JVM started ahead
 * of its cold start does while it waits for its environment (see Bootstrap).
 */
final class WarmUp {

    private WarmUp() {
    }

    static void run() throws Exception {
        Map<Type, String> samples = Map.of(
                Map.class, "{\"warm\":[1,2.5,true,null,\"up\"]}",
                Object.class, "{\"warm\":{\"up\":1}}",
                String.class, "\"warm\"",
                List.class, "[1,\"up\"]");
        for (Map.Entry<Type, String> sample : samples.entrySet()) {
            PojoSerializer<Object> serializer = JacksonFactory.getInstance().getSerializer(sample.getKey());
            serializer.toJson(serializer.fromJson(sample.getValue()), new ByteArrayOutputStream());
        }
        LambdaEventSerializers.isLambdaSupportedEvent("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
        ErrorJson.of(new IllegalStateException("warm-up", new RuntimeException()));
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:9/2018-06-01/runtime/invocation/next").openConnection();
        connection.setRequestMethod("GET");
        connection.disconnect();
        FunctionEnvironment.from(Map.of());
        PipedEnvironment.install(PipedEnvironment.read(new java.io.ByteArrayInputStream(PipedEnvironment.encode(Map.of()))));
        warmUpJdk();
    }

    /**
     * The JDK's own first-use costs that an AWS SDK call pays whatever the function: the security
     * providers behind SigV4's SHA-256 and HMAC, and the date formats of its signature. Only
     * JDK classes: nothing of the function runs here.
     */
    private static void warmUpJdk() throws Exception {
        java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(new byte[] {1}, "HmacSHA256"));
        hmac.doFinal(new byte[] {1});
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        java.net.URI.create("http://127.0.0.1:9/warm?up=1").resolve("/up");
    }
}
