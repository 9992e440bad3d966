package dev.chatlab.cli;

import dev.chatlab.labkit.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TODO places of a step as the solutions mark them (see {@link ExerciseGenerator}): for
 * each, the TODO's text, the solution's code, and the calls that code makes. {@code lab hint}
 * climbs from the one to the other.
 */
final class TodoRegions {

    private static final Pattern TODO = Pattern.compile("^\\s*// TODO\\((step\\d+)\\): (.*)$");
    private static final Pattern CONTINUED = Pattern.compile("^\\s*//\\s{2,}(.*)$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// BEGIN SOLUTION\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");
    private static final Pattern CALL = Pattern.compile("\\.(\\w+)\\(");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final String TEXT_BLOCK = "\"\"\"";
    private static final Pattern JSON_KEY = Pattern.compile("\"([^\"]+)\"\\s*:");
    private static final Pattern JSON_VALUE = Pattern.compile(":\\s*\"[^\"]*\"");

    /**
     * One TODO place.
     *
     * @param file     the file, relative to its step folder (the same in the exercise and the solution)
     * @param step     the TODO's step ("step2")
     * @param task     the TODO's whole text
     * @param korean   its Korean text ({@code // TODO-ko:}), or null where the solution has none
     * @param solution the solution's lines, as written
     */
    record Region(Path file, String step, String task, String korean, List<String> solution) {

        /** The TODO's text in the reader's language (English where no Korean was written). */
        String task(Lang lang) {
            return lang == Lang.KO && korean != null ? korean : task;
        }

        /** The first sentence, which the exercise's Todo carries: what identifies the place. */
        String key() {
            return file + ": " + ExerciseGenerator.firstSentence(task);
        }

        /**
         * The methods the solution calls, in order, and the keys of any JSON document it writes
         * (a policy): the API a student looks up.
         */
        List<String> calls() {
            Set<String> names = new LinkedHashSet<>();
            List<Boolean> json = insideTextBlock();
            for (int i = 0; i < solution.size(); i++) {
                Matcher found = (json.get(i) ? JSON_KEY : CALL).matcher(solution.get(i));
                while (found.find()) {
                    names.add(json.get(i) ? "\"" + found.group(1) + "\"" : found.group(1) + "(…)");
                }
            }
            return List.copyOf(names);
        }

        /**
         * The solution with its values blanked out: its shape, not its answer. In code every
         * string and number literal becomes …; in a text block (a JSON document) the values do,
         * the keys stay.
         */
        List<String> skeleton() {
            List<String> lines = new ArrayList<>();
            List<Boolean> json = insideTextBlock();
            for (int i = 0; i < solution.size(); i++) {
                String line = solution.get(i);
                if (json.get(i)) {
                    lines.add(JSON_VALUE.matcher(line).replaceAll(": \"…\""));
                } else {
                    String[] parts = line.split(TEXT_BLOCK, -1);
                    for (int part = 0; part < parts.length; part++) {
                        parts[part] = STRING.matcher(parts[part]).replaceAll("\"…\"").replaceAll("(?<![\\w.])\\d+(?![\\w.])", "…");
                    }
                    lines.add(String.join(TEXT_BLOCK, parts));
                }
            }
            return lines;
        }

        /** For each solution line: true inside a text block (between its delimiter lines, which count as code). */
        private List<Boolean> insideTextBlock() {
            List<Boolean> inside = new ArrayList<>();
            boolean open = false;
            for (String line : solution) {
                boolean delimiter = line.contains(TEXT_BLOCK);
                inside.add(open && !delimiter);
                open ^= delimiter && line.indexOf(TEXT_BLOCK) == line.lastIndexOf(TEXT_BLOCK);
            }
            return inside;
        }
    }

    private TodoRegions() {
    }

    /** The regions of every solution file of a step folder, in file order. */
    static List<Region> of(Path solutionFolder) {
        List<Region> regions = new ArrayList<>();
        for (Path file : StepScript.javaFiles(solutionFolder)) {
            try {
                regions.addAll(parse(solutionFolder.relativize(file), Files.readAllLines(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return regions;
    }

    static List<Region> parse(Path file, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        String step = null;
        StringBuilder task = null;
        StringBuilder korean = null;
        List<String> code = null;
        for (String line : lines) {
            Matcher todo = TODO.matcher(line);
            Matcher continued = CONTINUED.matcher(line);
            if (code != null) {
                if (END.matcher(line).matches()) {
                    regions.add(new Region(file, step, task.toString(), korean == null ? null : korean.toString(), List.copyOf(code)));
                    task = null;
                    code = null;
                } else {
                    code.add(line);
                }
            } else if (todo.matches()) {
                step = todo.group(1);
                task = new StringBuilder(todo.group(2).trim());
                korean = null;
            } else if (task != null && ExerciseGenerator.TODO_KO.matcher(line).matches()) {
                Matcher ko = ExerciseGenerator.TODO_KO.matcher(line);
                ko.matches();
                korean = new StringBuilder(ko.group(1).trim());
            } else if (task != null && BEGIN.matcher(line).matches()) {
                code = new ArrayList<>();
            } else if (task != null && continued.matches()) {
                (korean != null ? korean : task).append(' ').append(continued.group(1).trim());
            } else {
                task = null;
            }
        }
        return regions;
    }

    /**
     * The first region whose place in the student's exercise still throws its TODO: what the
     * student works on now. Empty when every TODO of the step is done.
     */
    static Optional<Region> firstUnfinished(List<Region> regions, Path exerciseFolder) {
        for (Region region : regions) {
            Path exercise = exerciseFolder.resolve(region.file());
            try {
                String text = Files.exists(exercise) ? Files.readString(exercise) : "";
                String literal = javaLiteralBody(ExerciseGenerator.firstSentence(region.task()));
                boolean stillThrown = text.contains("Todo.missing(\"" + region.step() + "\", \"" + literal + "\"")
                        || text.contains("UnsupportedOperationException(\"TODO(" + region.step() + "): " + literal + "\"");
                if (stillThrown) {
                    return Optional.of(region);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** How a text stands inside a Java string literal (what the exercise's throw holds). */
    private static String javaLiteralBody(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
