package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The LambdaLogger of the Context: writes to the instance's stdout, which localcloud turns
 * into the function's CloudWatch Logs stream, one event per line.
 */
final class StdoutLogger implements LambdaLogger {

    private final PrintStream out;

    StdoutLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        if (message == null) {
            return;
        }
        synchronized (out) {
            out.print(message);
            if (!message.endsWith("\n")) {
                out.println();
            }
            out.flush();
        }
    }

    @Override
    public void log(byte[] message) {
        if (message != null) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
