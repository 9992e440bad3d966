package dev.chatlab.labkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** What stands for an unfinished region in a text file an exercise deploys (step 9's template), after its indentation. */
    static final String UNFINISHED = "# UNFINISHED TODO(";
    private static final Pattern UNFINISHED_LINE = Pattern.compile(
            "^\\s*" + Pattern.quote(UNFINISHED) + "(step\\d+)\\): (.*?)(?: \u2016 (.*))?$", Pattern.MULTILINE);

    /**
     * The line the exercise generator puts where a YAML solution region was: a comment, so the file
     * stays valid YAML, which {@link #requireDone} recognizes. The Korean text follows "‖" when there is one.
     */
    public static String unfinishedLine(String step, String task, String koreanTask) {
        return UNFINISHED + step + "): " + task + (koreanTask == null ? "" : " \u2016 " + koreanTask);
    }

    /** Throws the first unfinished region of {@code text} (a template the step is about to deploy) as a TODO. */
    public static void requireDone(String text) {
        Matcher unfinished = UNFINISHED_LINE.matcher(text);
        if (unfinished.find()) {
            throw missing(unfinished.group(1), unfinished.group(2), unfinished.group(3) == null ? unfinished.group(2) : unfinished.group(3));
        }
    }

    public String step() {
        return step;
    }

    /** The TODO's text in both languages. */
    public Text task() {
        return task;
    }
}
