package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.core.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deployment package is checked entry by entry when it is uploaded (CreateFunction,
 * UpdateFunctionCode): an entry that would unpack outside the function's directory, or that
 * could not be unpacked at all, refuses the package there, with Lambda's words, instead of
 * being accepted and failing every invoke.
 */
class DeploymentPackageEntriesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside.class", "a/../../outside.class", "a\\..\\..\\outside.class", "C:/Windows/x", "\\\\server\\share\\x"})
    void checkPackage_entryOutsideThePackage_isCouldNotUnzip(String entry) {
        AwsException refused = assertThrows(AwsException.class, () -> DeploymentPackages.checkPackage(zip(entry)));
        assertEquals("InvalidParameterValueException", refused.code());
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Handler.class", "dev/chatlab/Handler.class", "lib/a..b.jar", "a:b.txt"})
    void checkPackage_entryInsideThePackage_isAccepted(String entry) {
        assertDoesNotThrow(() -> DeploymentPackages.checkPackage(zip(entry)));
    }

    @org.junit.jupiter.api.Test
    void checkPackage_aFileThatIsAlsoADirectory_isCouldNotUnzip() {
        AwsException refused = assertThrows(AwsException.class, () -> DeploymentPackages.checkPackage(zip("lib", "lib/a.jar")));
        assertEquals("InvalidParameterValueException", refused.code());
    }

    private static byte[] zip(String... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(1);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
