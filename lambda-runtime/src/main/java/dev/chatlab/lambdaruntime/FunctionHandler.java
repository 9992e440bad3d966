package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;

/** A loaded handler, whatever its shape, seen as the stream handler the runtime calls. */
interface FunctionHandler {

    void handle(InputStream event, OutputStream response, Context context) throws Throwable;
}
