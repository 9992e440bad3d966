package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The class list {@code lab class check} reads: a CSV with a header line and the columns
 * {@code name, credentials, region, prefix} (and, for a class on localcloud, {@code endpoint}).
 * {@code credentials} is an AWS profile name or the ARN of a role to assume in the student's account.
 */
record Roster(List<Student> students) {

    record Student(String name, String credentials, String region, String prefix, String endpoint) {

        boolean assumesRole() {
            return credentials.startsWith("arn:");
        }
    }

    static Roster read(Path file) throws IOException {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        List<Student> students = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class).with(header).readValues(file.toFile())) {
            int line = 1;
            while (rows.hasNext()) {
                line++;
                Map<String, String> row = rows.next();
                String name = required(row, "name", line);
                students.add(new Student(name, required(row, "credentials", line),
                        row.getOrDefault("region", "").isBlank() ? "ap-northeast-2" : row.get("region").trim(),
                        required(row, "prefix", line), row.getOrDefault("endpoint", "").trim()));
            }
        }
        if (students.isEmpty()) {
            throw new IllegalArgumentException(file + " names no student (a header line name,credentials,region,prefix, then one line per student)");
        }
        return new Roster(students);
    }

    private static String required(Map<String, String> row, String column, int line) {
        String value = row.getOrDefault(column, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("line " + line + " of the roster has no " + column
                    + " (the columns are name,credentials,region,prefix[,endpoint])");
        }
        return value;
    }
}
