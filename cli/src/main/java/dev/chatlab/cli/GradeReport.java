package dev.chatlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The results of {@code lab check --all}: a table for a person, JSON and JUnit XML for tools. */
public record GradeReport(List<StepReport> steps) {

    void print(Console console) {
        console.heading(Text.of("Results per step", "단계별 결과"));
        console.plain(String.format("  %-6s %-44s %-8s %5s %5s %5s", "step", "title", "outcome", "pass", "fail", "skip"));
        for (StepReport step : steps) {
            console.plain(String.format("  %-6d %-44s %-8s %5d %5d %5d", step.step(), truncate(step.title(), 44), step.outcome(),
                    CheckCommand.count(step, CheckResult.Status.PASS), CheckCommand.count(step, CheckResult.Status.FAIL),
                    CheckCommand.count(step, CheckResult.Status.SKIP)));
        }
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), steps);
    }

    /** One testsuite per step, one testcase per check; a step that could not run is one failing case. */
    public void writeJUnit(Path file) throws IOException {
        writeJUnit(file, Map.of("", steps));
    }

    /**
     * The same for a whole class ({@code lab class export}): each student's steps, their
     * testsuites and classnames starting with the student's name ("Minsu: step1 ...", "Minsu.step1").
     */
    public static void writeJUnit(Path file, Map<String, List<StepReport>> stepsByStudent) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(writer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            for (Map.Entry<String, List<StepReport>> student : stepsByStudent.entrySet()) {
                writeSuites(xml, student.getKey(), student.getValue());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    private static void writeSuites(XMLStreamWriter xml, String student, List<StepReport> steps) throws XMLStreamException {
        String owner = student.isEmpty() ? "" : student + ": ";
        String classOwner = student.isEmpty() ? "" : student + ".";
        for (StepReport step : steps) {
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", owner + "step" + step.step() + " " + step.title());
            xml.writeAttribute("tests", String.valueOf(Math.max(1, step.results().size())));
            xml.writeAttribute("failures", String.valueOf(step.outcome().equals("passed") ? 0 : Math.max(1, CheckCommand.count(step, CheckResult.Status.FAIL))));
            xml.writeAttribute("skipped", String.valueOf(CheckCommand.count(step, CheckResult.Status.SKIP)));
            if (step.results().isEmpty()) {
                testCase(xml, classOwner, step, new CheckResult("step " + step.step(), step.outcome().equals("passed") ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
                        step.outcome() + ": " + step.message()));
            }
            for (CheckResult result : step.results()) {
                testCase(xml, classOwner, step, result);
            }
            xml.writeEndElement();
        }
    }

    private static void testCase(XMLStreamWriter xml, String classOwner, StepReport step, CheckResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", classOwner + "step" + step.step());
        xml.writeAttribute("name", result.name());
        if (result.status() == CheckResult.Status.FAIL) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", result.detail());
            xml.writeEndElement();
        } else if (result.status() == CheckResult.Status.SKIP) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", result.detail());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
