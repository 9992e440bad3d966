package dev.chatlab.labkit;

/**
 * Thrown where an exercise still has a TODO: the launcher reports it as "not done yet"
 * with the TODO's text, in the student's language, instead of a failure with a stack trace.
 */
public final class Todo extends RuntimeException {

    private final String step;
    private final Text task;

    public Todo(String step, Text task) {
        super(task.in(Lang.EN));
        this.step = step;
        this.task = task;
    }

    /** What the generated exercise code throws: {@code throw Todo.missing("step1", "...");}. */
    public static Todo missing(String step, String task) {
        return new Todo(step, Text.of(task, task));
    }

    /** The same with the TODO's Korean text: {@code throw Todo.missing("step1", "Create ...", "... 만드세요.");}. */
    public static Todo missing(String step, String task, String koreanTask) {
        return new Todo(step, Text.of(task, koreanTask));
    }

    public String step() {
        return step;
    }

    /** The TODO's text in both languages. */
    public Text task() {
        return task;
    }
}
