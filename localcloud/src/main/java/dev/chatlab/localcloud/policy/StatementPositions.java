package dev.chatlab.localcloud.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy document starts and ends in its text (1-based line and column),
 * as the policy simulator reports in a matched statement's StartPosition and EndPosition.
 */
public final class StatementPositions {

    /** A statement's span: its opening brace and the character after its closing brace. */
    public record Span(int startLine, int startColumn, int endLine, int endColumn) {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private StatementPositions() {
    }

    /** The spans of the statements of {@code json}, in statement order (empty when it cannot be read). */
    public static List<Span> of(String json) {
        List<Span> spans = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return spans;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("Statement")) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        spans.add(span(parser));
                    }
                } else if (value == JsonToken.START_OBJECT) {
                    spans.add(span(parser));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return spans;
    }

    /** With the parser on a statement's START_OBJECT: reads to its end. */
    private static Span span(JsonParser parser) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        parser.skipChildren();
        JsonLocation end = parser.currentTokenLocation();
        return new Span(start.getLineNr(), start.getColumnNr(), end.getLineNr(), end.getColumnNr() + 1);
    }
}
