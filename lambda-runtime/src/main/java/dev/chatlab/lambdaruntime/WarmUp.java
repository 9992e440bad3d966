package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        PipedEnvironment.install(PipedEnvironment.read(new ByteArrayInputStream(PipedEnvironment.encode(Map.of()))));
        warmUpJdk();
    }

    /**
     * The JDK's own first-use costs that an AWS SDK call pays whatever the function: the security
     * providers behind SigV4's SHA-256 and HMAC, and the date formats of its signature. Only
     * JDK classes: nothing of the function runs here.
     */
    private static void warmUpJdk() throws Exception {
        MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(new byte[] {1}, "HmacSHA256"));
        hmac.doFinal(new byte[] {1});
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        URI.create("http://127.0.0.1:9/warm?up=1").resolve("/up");
    }
}
