package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Lambda's request bodies as the handler reads them: once, the deployment package decoded on the way. */
class RequestBodiesTest {

    private static final byte[] PACKAGE = "PK\u0003\u0004 not really a zip, but bytes".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void createFunctionsZipFile_isReadAsThePackagesBytes_besideTheOtherMembers() throws Exception {
        JsonNode body = read("{\"FunctionName\":\"connect\",\"Timeout\":5,\"Code\":{\"ZipFile\":\""
                + Base64.getEncoder().encodeToString(PACKAGE) + "\"},\"Environment\":{\"Variables\":{\"A\":\"b\"}}}");

        assertArrayEquals(PACKAGE, body.path("Code").get("ZipFile").binaryValue());
        assertEquals("connect", body.path("FunctionName").asText());
        assertEquals(5, body.path("Timeout").asInt());
        assertEquals("b", body.path("Environment").path("Variables").path("A").asText());
    }

    @Test
    void updateFunctionCodesZipFile_isDecodedToo() throws Exception {
        JsonNode body = read("{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(PACKAGE) + "\",\"DryRun\":true}");

        assertArrayEquals(PACKAGE, body.get("ZipFile").binaryValue());
        assertTrue(body.path("DryRun").asBoolean());
    }

    @Test
    void aZipFileThatIsNotBase64_isLambdasCouldNotUnzip() {
        AwsException refused = assertThrows(AwsException.class, () -> read("{\"Code\":{\"ZipFile\":\"not base64!\"}}"));

        assertEquals("InvalidParameterValueException", refused.code());
        assertTrue(refused.getMessage().startsWith("Could not unzip uploaded file."), refused.getMessage());
    }

    @Test
    void aBodyThatIsNotJson_isInvalidRequestContent_andNoBodyIsAnEmptyObject() {
        assertEquals("InvalidRequestContentException", assertThrows(AwsException.class, () -> read("{\"FunctionName\":")).code());
        assertEquals(0, RequestBodies.read(new byte[0]).size());
    }

    private static JsonNode read(String json) {
        return RequestBodies.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
