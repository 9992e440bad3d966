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
 * ({@code -XX:ArchiveClassesAtExit}) and start every later instance from it, faster.
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
    }
}
