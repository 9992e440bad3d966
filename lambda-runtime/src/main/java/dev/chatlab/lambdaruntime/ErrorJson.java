package dev.chatlab.lambdaruntime;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * The error document the managed Java runtime reports for a Throwable:
 * {@code {"errorMessage":"...","errorType":"java.lang.RuntimeException","stackTrace":["..."],"cause":{...}}}.
 * Written by hand because the bootstrap must not lean on the serializer's shaded internals.
 */
final class ErrorJson {

    private ErrorJson() {
    }

    /** Strips the reflection wrappers that calling a handler adds, as the managed runtime does. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof InvocationTargetException || current instanceof ExceptionInInitializerError)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static byte[] of(Throwable error) {
        return write(error, 0).getBytes(StandardCharsets.UTF_8);
    }

    /** An error with a type and message and no stack trace (the runtime's own faults). */
    static byte[] of(String errorType, String errorMessage) {
        return ("{\"errorMessage\":" + quote(errorMessage) + ",\"errorType\":" + quote(errorType) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String write(Throwable error, int depth) {
        StringBuilder json = new StringBuilder("{");
        String message = error.getLocalizedMessage();
        if (message != null) {
            json.append("\"errorMessage\":").append(quote(message)).append(',');
        }
        json.append("\"errorType\":").append(quote(error.getClass().getName()));
        json.append(",\"stackTrace\":[");
        StackTraceElement[] trace = error.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(trace[i].toString()));
        }
        json.append(']');
        Throwable cause = error.getCause();
        if (cause != null && cause != error && depth < 20) {
            json.append(",\"cause\":").append(write(cause, depth + 1));
        }
        return json.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
