package dev.chatlab.localcloud.services.cloudformation.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an {@code Fn::Sub} string: literal text and {@code ${Name}} variables;
 * {@code ${!Literal}} is the literal text {@code ${Literal}}, as AWS escapes it.
 */
final class SubString {

    /** Literal text (variable null) or a variable's name. */
    record Part(String literal, String variable) {
    }

    private SubString() {
    }

    static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int start = template.indexOf("${", at);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (start < 0 || end < 0) {
                literal.append(template.substring(at));
                break;
            }
            literal.append(template, at, start);
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                literal.append("${").append(name.substring(1)).append('}');
            } else {
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), null));
                    literal.setLength(0);
                }
                parts.add(new Part(null, name.trim()));
            }
            at = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null));
        }
        return parts;
    }

    /** The variables of a template string, for the dependency graph. */
    static List<String> variables(String template) {
        return parse(template).stream().filter(part -> part.variable() != null).map(Part::variable).toList();
    }
}
