package dev.chatlab.bench.noop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The function behind the API Gateway benchmark: it reads the event and answers a proxy result
 * whose body is {@value #BODY}, for every route ($connect, $default, a REST method) alike. A stream
 * handler needs no serialization and nothing but aws-lambda-java-core, so what is measured is
 * API Gateway and the Lambda round trip, not the function's work. {@link NoopFunction} zips this
 * class at run time.
 */
public final class NoopHandler implements RequestStreamHandler {

    /** A JSON frame, so that the chat's client (labkit's ChatConnection) reads the echo as it reads chat frames. */
    public static final String BODY = "{\"type\":\"pong\"}";
    static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"{\\\"type\\\":\\\"pong\\\"}\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        event.readAllBytes();
        answer.write(ANSWER);
    }
}
