package dev.chatlab.cli;

import dev.chatlab.labkit.Todo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the step folders' exercises from {@code solutions/}. In a solution, each place a
 * student completes is a method body marked like this:
 *
 * <pre>
 *     static void unblockPublicAccess(S3Client s3, String bucket) {
 *         // TODO(step1): Turn off all four Block Public Access settings of the bucket.
 *         //   Look up PutPublicAccessBlockRequest.
 *         // TODO-ko: 버킷의 퍼블릭 액세스 차단 설정 네 가지를 모두 끄세요.
 *         //   PutPublicAccessBlockRequest 를 찾아보세요.
 *         // BEGIN SOLUTION
 *         s3.putPublicAccessBlock(...);
 *         // END SOLUTION
 *     }
 * </pre>
 *
 * The exercise keeps the TODO comment (the hint) and replaces the region with
 * {@code throw Todo.missing("step1", "<the TODO's first sentence>", "<the Korean one>");} in a
 * step script (the Korean {@code TODO-ko} text is optional), or with
 * {@code throw new UnsupportedOperationException("TODO(step6): ...");} in code that does not use
 * labkit (the Lambda functions run without it). A region must end its
 * method body, so that the throw is the last statement and the exercise still compiles.
 *
 * <p>A YAML file (step 9's template) marks its regions the same way with {@code #} comments;
 * a region there becomes one comment, {@code # UNFINISHED TODO(step9): ...} (see
 * {@link Todo#unfinishedLine}), which the step's script finds before it deploys anything.
 * Other files are copied as they are.
 */
public final class ExerciseGenerator {

    /** The TODO in Korean, right below the English one: what a student with --lang ko reads. */
    static final Pattern TODO_KO = Syntax.JAVA.todoKo;

    /** How a kind of file writes the markers, and whether a region must end a method body. */
    private enum Syntax {
        JAVA("//", true), YAML("#", false);

        final Pattern todo;
        final Pattern todoContinued;
        final Pattern todoKo;
        final Pattern begin;
        final Pattern end;
        final boolean regionEndsMethod;

        Syntax(String comment, boolean regionEndsMethod) {
            String c = Pattern.quote(comment);
            this.todo = Pattern.compile("^(\\s*)" + c + " TODO\\((step\\d+)\\): (.*)$");
            this.todoContinued = Pattern.compile("^\\s*" + c + "\\s{2,}(.*)$");
            this.todoKo = Pattern.compile("^\\s*" + c + " TODO-ko: (.*)$");
            this.begin = Pattern.compile("^(\\s*)" + c + " BEGIN SOLUTION\\s*$");
            this.end = Pattern.compile("^\\s*" + c + " END SOLUTION\\s*$");
            this.regionEndsMethod = regionEndsMethod;
        }

        static Optional<Syntax> of(String name) {
            return name.endsWith(".java") ? Optional.of(JAVA)
                    : name.endsWith(".yaml") || name.endsWith(".yml") ? Optional.of(YAML) : Optional.empty();
        }
    }

    private static final Pattern METHOD_END = Pattern.compile("^\\s*}\\s*$");

    private ExerciseGenerator() {
    }

    /** The exercise text of one solution file (Java, or YAML by its name); {@code name} is used in error messages. */
    public static String exerciseOf(String solution, String name) {
        Syntax syntax = Syntax.of(name).orElse(Syntax.JAVA);
        String[] lines = solution.split("\n", -1);
        boolean usesLabkit = solution.contains("import dev.chatlab.labkit.");
        List<String> out = new ArrayList<>();
        String pendingStep = null;
        StringBuilder pendingTask = new StringBuilder();
        StringBuilder pendingKorean = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher todo = syntax.todo.matcher(line);
            Matcher begin = syntax.begin.matcher(line);
            if (todo.matches()) {
                pendingStep = todo.group(2);
                pendingTask.setLength(0);
                pendingTask.append(todo.group(3).trim());
                pendingKorean = null;
                out.add(line);
            } else if (pendingStep != null && syntax.todoKo.matcher(line).matches()) {
                Matcher korean = syntax.todoKo.matcher(line);
                korean.matches();
                pendingKorean = new StringBuilder(korean.group(1).trim());
                out.add(line);
            } else if (pendingStep != null && syntax.todoContinued.matcher(line).matches()) {
                Matcher continued = syntax.todoContinued.matcher(line);
                continued.matches();
                (pendingKorean != null ? pendingKorean : pendingTask).append(' ').append(continued.group(1).trim());
                out.add(line);
            } else if (begin.matches()) {
                if (pendingStep == null) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": BEGIN SOLUTION without a TODO(stepN) comment right above it");
                }
                int end = findEnd(syntax, lines, i, name);
                String task = firstSentence(pendingTask.toString());
                String koreanTask = pendingKorean == null ? null : firstSentence(pendingKorean.toString());
                out.add(begin.group(1) + (syntax == Syntax.YAML ? Todo.unfinishedLine(pendingStep, task, koreanTask)
                        : todoStatement(usesLabkit, pendingStep, task, koreanTask)));
                i = end;
                pendingStep = null;
            } else {
                if (pendingStep != null) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": a TODO(" + pendingStep + ") comment must be followed by // BEGIN SOLUTION");
                }
                if (syntax.end.matcher(line).matches()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": END SOLUTION without BEGIN SOLUTION");
                }
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    private static int findEnd(Syntax syntax, String[] lines, int begin, String name) {
        for (int j = begin + 1; j < lines.length; j++) {
            if (syntax.begin.matcher(lines[j]).matches()) {
                break;
            }
            if (syntax.end.matcher(lines[j]).matches()) {
                if (!syntax.regionEndsMethod) {
                    return j;
                }
                int next = j + 1;
                while (next < lines.length && lines[next].isBlank()) {
                    next++;
                }
                if (next >= lines.length || !METHOD_END.matcher(lines[next]).matches()) {
                    throw new IllegalArgumentException(name + ":" + (j + 1) + ": a solution region must end its method body (the next line must be '}')");
                }
                return j;
            }
        }
        throw new IllegalArgumentException(name + ":" + (begin + 1) + ": BEGIN SOLUTION without END SOLUTION");
    }

    private static String todoStatement(boolean usesLabkit, String step, String task, String koreanTask) {
        return usesLabkit
                ? "throw Todo.missing(\"" + step + "\", \"" + javaString(task) + "\""
                        + (koreanTask == null ? "" : ", \"" + javaString(koreanTask) + "\"") + ");"
                : "throw new UnsupportedOperationException(\"TODO(" + step + "): " + javaString(task) + "\");";
    }

    static String firstSentence(String text) {
        int stop = text.indexOf(". ");
        return stop < 0 ? text : text.substring(0, stop + 1);
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Every exercise file the solutions imply: target path in the kit to its text. */
    public static Map<Path, String> exercisesOf(Kit kit) {
        Map<Path, String> exercises = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(kit.solutions())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = kit.solutions().relativize(file);
                if (relative.getNameCount() < 2 || !relative.getName(0).toString().matches("step\\d+-.+")
                        || relative.toString().contains("target")) {
                    continue; // solutions/README.md and the like belong to solutions/ only
                }
                String text = Files.readString(file);
                exercises.put(kit.root().resolve(relative), Syntax.of(file.toString()).isPresent() ? exerciseOf(text, relative.toString()) : text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exercises;
    }

    /** The exercise files whose content differs from what the solutions imply. */
    public static List<Path> drifted(Kit kit) {
        List<Path> drifted = new ArrayList<>();
        exercisesOf(kit).forEach((path, text) -> {
            try {
                if (!Files.exists(path) || !Files.readString(path).equals(text)) {
                    drifted.add(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return drifted;
    }

    /** Writes every exercise; answers how many files changed. */
    public static int writeAll(Kit kit) {
        int changed = 0;
        for (Map.Entry<Path, String> exercise : exercisesOf(kit).entrySet()) {
            try {
                Path path = exercise.getKey();
                if (!Files.exists(path) || !Files.readString(path).equals(exercise.getValue())) {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, exercise.getValue());
                    changed++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return changed;
    }
}
