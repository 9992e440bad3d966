package dev.chatlab.bench.noop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The function {@code lab bench lambda} deploys: does nothing and answers "ok", so that what
 * is measured is Lambda's own cost (the event in and the answer out, JSON both ways), not the
 * handler's. It is not run in the benchmark's JVM: {@link NoopFunction#packageBytes} zips this
 * class file alone as the function's deployment package.
 */
public final class NoopPojoHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
