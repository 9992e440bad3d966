package dev.chatlab.cli.classroom;

import dev.chatlab.cli.classroom.ClassView.StepColumn;
import dev.chatlab.cli.classroom.ClassView.StepEntry;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The class page as one self-contained HTML file (no script, no link, nothing fetched): what
 * {@code lab class check} leaves to open, mail or archive. The cells are the live page's: ✔
 * passed, ✘ failed, … stopped at a TODO, ! could not be checked, · not yet; a cell's tooltip
 * names the failing checks and their hints. Every name and hint is escaped: it is text.
 */
final class ClassPageFile {

    static final String FILE = "class.html";

    private ClassPageFile() {
    }

    static Path write(ClassView view, Path directory, Lang lang) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        Files.writeString(file, render(view, lang));
        return file;
    }

    static String render(ClassView view, Lang lang) {
        boolean ko = lang == Lang.KO;
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"").append(ko ? "ko" : "en").append("\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(ko ? "수업 확인 결과" : "Class check").append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:center}")
                .append("td.name{text-align:left}.passed{background:#dfd}.failed{background:#fdd}.todo{background:#ffd}.error{background:#fcc}.notyet{color:#999}")
                .append("</style></head><body><h1>").append(ko ? "수업 확인 결과" : "Class check").append("</h1><table><tr><th>")
                .append(ko ? "학생" : "student").append("</th>");
        for (StepColumn column : view.steps()) {
            html.append("<th title=\"").append(escape(column.title())).append("\">").append(column.number()).append("</th>");
        }
        html.append("<th>").append(ko ? "확인 시각" : "checked at").append("</th></tr>\n");
        for (StudentRow student : view.students()) {
            html.append("<tr><td class=\"name\">").append(escape(student.name())).append("</td>");
            for (StepColumn column : view.steps()) {
                StepEntry entry = student.steps().get(column.number());
                html.append(entry == null ? "<td class=\"notyet\">·</td>" : cell(entry.report()));
            }
            html.append("<td>").append(escape(student.lastReport() == null ? "" : student.lastReport())).append("</td></tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String cell(StepReport report) {
        String mark = switch (report.outcome()) {
            case "passed" -> "✔";
            case "failed" -> "✘";
            case "todo" -> "…";
            default -> "!";
        };
        String why = report.results().stream().filter(CheckResult::failed)
                .map(result -> result.name() + (result.detail().isEmpty() ? "" : ": " + result.detail()))
                .collect(Collectors.joining("\n"));
        String tooltip = why.isEmpty() ? report.message() : why;
        return "<td class=\"" + escape(report.outcome()) + "\" title=\"" + escape(tooltip) + "\">" + mark + "</td>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
