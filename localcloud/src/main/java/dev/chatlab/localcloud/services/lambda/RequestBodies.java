package dev.chatlab.localcloud.services.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Lambda's JSON request bodies, read once. A deployment package travels as a base64 string
 * ({@code ZipFile}, up to 70 MB of it): it is decoded while it is read, into a
 * {@link BinaryNode} of the package's bytes, never held as a string (as text it took about four
 * times the package's size on the heap, and the heap grew by that for good).
 */
final class RequestBodies {

    /** Lambda's limit on a CreateFunction or UpdateFunctionCode request (a 50 MB zip, base64). */
    static final int MAX_CODE_REQUEST_BYTES = 70_167_211;
    private static final String ZIP_FILE = "ZipFile";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_CODE_REQUEST_BYTES).build()).build());

    private RequestBodies() {
    }

    /** The body as a JSON object, an empty one when there is no body; a {@code ZipFile} member as its decoded bytes. */
    static JsonNode read(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                JsonNode other = first == null ? null : MAPPER.readTree(parser);
                return other == null || other.isNull() ? MAPPER.createObjectNode() : other;
            }
            return object(parser, body.length);
        } catch (IOException e) {
            throw unparsable();
        }
    }

    /** The object whose START_OBJECT the parser is on, up to its END_OBJECT. */
    private static ObjectNode object(JsonParser parser, int bodyLength) throws IOException {
        ObjectNode object = MAPPER.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                object.set(name, object(parser, bodyLength));
            } else if (value == JsonToken.VALUE_STRING && name.equals(ZIP_FILE)) {
                object.set(name, BinaryNode.valueOf(decoded(parser, bodyLength)));
            } else {
                object.set(name, MAPPER.readTree(parser));
            }
        }
        return object;
    }

    private static byte[] decoded(JsonParser parser, int bodyLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bodyLength / 4 * 3 + 3);
        try {
            parser.readBinaryValue(bytes);
        } catch (IOException | IllegalArgumentException notBase64) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return bytes.toByteArray();
    }

    private static AwsException unparsable() {
        return new AwsException("InvalidRequestContentException", 400, "Could not parse request body into json");
    }
}
