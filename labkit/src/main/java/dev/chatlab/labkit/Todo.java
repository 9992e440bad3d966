package dev.chatlab.labkit;

/**
 * Thrown where an exercise still has a TODO: the launcher reports it as "not done yet"
 * with the TODO's text, instead of a failure with a stack trace.
 */
public final class Todo extends RuntimeException {

    private final String step;

    public Todo(String step, String task) {
        super(task);
        this.step = step;
    }

    /** What the generated exercise code throws: {@code throw Todo.missing("step1", "...");}. */
    public static Todo missing(String step, String task) {
        return new Todo(step, task);
    }

    public String step() {
        return step;
    }
}
