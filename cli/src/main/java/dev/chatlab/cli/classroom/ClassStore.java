package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatlab.cli.classroom.ClassView.StepEntry;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The class on disk (H2 MVStore, as localcloud keeps its state): the class code and one record
 * per student, committed after every change, so a class server that is stopped or crashes
 * shows the same class when it starts again. Values are JSON, so the file's format is this
 * class's records and not Java serialization.
 */
final class ClassStore implements AutoCloseable {

    static final int MAX_STUDENTS = 300;
    static final String FILE_NAME = "class.mv.db";

    /** A student as stored: the view's row and the id that keeps the name theirs. */
    record Student(String name, String student, String joinedAt, String lastReport, Map<Integer, StepEntry> steps) {

        StudentRow row() {
            return new StudentRow(name, lastReport, steps);
        }
    }

    private final MVStore store;
    private final MVMap<String, String> settings;
    private final MVMap<String, String> students;

    private ClassStore(MVStore store) {
        this.store = store;
        this.settings = store.openMap("settings");
        this.students = store.openMap("students");
    }

    static ClassStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            return new ClassStore(new MVStore.Builder().fileName(directory.resolve(FILE_NAME).toString()).open());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        } catch (MVStoreException e) {
            throw new IllegalStateException("cannot open the class in " + directory + " (is another class server using it?): "
                    + e.getMessage(), e);
        }
    }

    /** The code given (kept from now on), else the one kept from the last start, else a new one. */
    synchronized ClassCode code(Optional<ClassCode> given) {
        ClassCode code = given.or(() -> Optional.ofNullable(settings.get("code")).map(ClassCode::new)).orElseGet(ClassCode::madeUp);
        settings.put("code", code.value());
        store.commit();
        return code;
    }

    /**
     * Adds a student, or answers the one who joined with this name before. A name is one
     * student's: another id is refused, so two people called Minsu are told to tell
     * themselves apart, and nobody reports under a classmate's name.
     */
    synchronized StudentRow join(String name, String student, Instant now) {
        return studentFor(name, student, now).row();
    }

    /** Keeps each step's report as the student's last for that step. */
    synchronized StudentRow record(ClassReport report, Instant now) {
        Student current = studentFor(report.name(), report.student(), now);
        Map<Integer, StepEntry> steps = new TreeMap<>(current.steps());
        for (StepReport step : report.reports()) {
            steps.put(step.step(), new StepEntry(now.toString(), report.kit(), step));
        }
        Student updated = new Student(current.name(), current.student(), current.joinedAt(), now.toString(), steps);
        save(updated);
        return updated.row();
    }

    synchronized List<StudentRow> students() {
        return students.values().stream().map(ClassStore::parse).map(Student::row)
                .sorted(Comparator.comparing(StudentRow::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private Student studentFor(String name, String student, Instant now) {
        String shown = ReportRules.name(name);
        String key = ReportRules.key(shown);
        String stored = students.get(key);
        if (stored == null) {
            if (students.size() >= MAX_STUDENTS) {
                throw new ClassServerError(409, "ClassFull", "this class has " + MAX_STUDENTS + " students already");
            }
            Student joined = new Student(shown, student, now.toString(), null, Map.of());
            save(joined);
            return joined;
        }
        Student known = parse(stored);
        if (!known.student().equals(student)) {
            throw new ClassServerError(409, "NameTaken", "another student joined this class as '" + known.name()
                    + "': join with another --name");
        }
        return known;
    }

    private void save(Student student) {
        try {
            students.put(ReportRules.key(student.name()), ClassJson.MAPPER.writeValueAsString(student));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        store.commit();
    }

    private static Student parse(String json) {
        try {
            return ClassJson.MAPPER.readValue(json, Student.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a student's record in the class store is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
