package dev.chatlab.cli.classroom;

import static dev.chatlab.cli.classroom.RunningClass.failed;
import static dev.chatlab.cli.classroom.RunningClass.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.chatlab.cli.LabCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code lab class export}: the class as a spreadsheet, as JSON and as JUnit XML, read back as a tool would. */
class ClassExportTest {

    private static final String MINSU = "minsu-0123456789abcdef";
    private static final String FORMULA = "=HYPERLINK(\"http://x\")";

    @TempDir
    Path directory;

    @TempDir
    Path to;

    @Test
    void export_writesCsvJsonAndJUnit_ofEveryStudentAndStep() throws Exception {
        try (RunningClass running = RunningClass.start(directory)) {
            running.report("Minsu", MINSU, passed(1), failed(2, "every site file is served", "upload index.html with Content-Type text/html"));
            running.report(FORMULA, "formula-0123456789abcdef", passed(1));
            assertEquals(0, LabCli.execute("class", "export", "--url", running.uri().toString(), "--code", running.code(),
                    "--to", to.toString(), "--lang", "en"));
        }

        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> csv = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(to.resolve("class.csv").toFile())) {
            rows = csv.readAll();
        }
        assertEquals(4, rows.size(), "two students × the two steps, 'not yet' included: " + rows);
        Map<String, String> minsuStep2 = rows.stream().filter(r -> r.get("student").equals("Minsu") && r.get("step").equals("2")).findFirst().orElseThrow();
        assertEquals("failed", minsuStep2.get("outcome"));
        assertEquals("every site file is served", minsuStep2.get("failingChecks"));
        assertEquals("upload index.html with Content-Type text/html", minsuStep2.get("hints"));
        assertEquals("1", minsuStep2.get("passed"));
        assertEquals("not yet", rows.stream().filter(r -> r.get("student").equals("'" + FORMULA) && r.get("step").equals("2"))
                .findFirst().orElseThrow().get("outcome"), "a name that is a formula stays text");

        ClassView json = ClassJson.MAPPER.readValue(to.resolve("class.json").toFile(), ClassView.class);
        assertEquals(List.of(FORMULA, "Minsu"), json.students().stream().map(ClassView.StudentRow::name).toList());

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(to.resolve("class-junit.xml").toFile());
        NodeList suites = junit.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element minsu2 = (Element) suites.item(2);
        assertEquals("Minsu: step2 Step 2", minsu2.getAttribute("name"));
        assertEquals("1", minsu2.getAttribute("failures"));
        Element failure = (Element) minsu2.getElementsByTagName("failure").item(0);
        assertEquals("upload index.html with Content-Type text/html", failure.getAttribute("message"));
        assertEquals("Minsu.step2", ((Element) failure.getParentNode()).getAttribute("classname"));
    }

    @Test
    void export_withAWrongCode_writesNothing() {
        try (RunningClass running = RunningClass.start(directory)) {
            assertEquals(2, LabCli.execute("class", "export", "--url", running.uri().toString(), "--code", "WRONG-CODE",
                    "--to", to.resolve("out").toString(), "--lang", "en"));
        }
        assertFalse(Files.exists(to.resolve("out")));
    }

    @Test
    void cell_keepsFormulasText() {
        assertEquals("'=1+1", ClassExport.cell("=1+1"));
        assertEquals("'@SUM(A1)", ClassExport.cell("@SUM(A1)"));
        assertEquals("Minsu", ClassExport.cell("Minsu"));
        assertTrue(ClassExport.cell("").isEmpty());
    }
}
