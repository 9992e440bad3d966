package dev.chatlab.lambdaruntime;

/**
 * A fault the runtime itself finds in the function's setup (no such class, no usable method),
 * reported with the error type and message the managed Java runtime uses.
 */
final class HandlerFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorType;

    HandlerFault(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    String errorType() {
        return errorType;
    }
}
