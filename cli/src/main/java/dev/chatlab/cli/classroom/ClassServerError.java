package dev.chatlab.cli.classroom;

/** A request the class server refuses: answered with {@code status} and a JSON body, the other students untouched. */
final class ClassServerError extends RuntimeException {

    private final int status;
    private final String code;

    ClassServerError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ClassServerError badReport(String message) {
        return new ClassServerError(400, "BadReport", message);
    }
}
