package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's unpacked code is freed while the cloud runs, as soon as it is safe: once the
 * function runs other code (or was deleted) and no JVM runs from the directory any more. The
 * code a function runs now keeps its directory (and the class archive in it) however often its
 * JVMs come and go. The JVMs are stood in for by {@code hold} and {@code release}, which
 * FunctionRuntime calls around each process's life (see OldCodeDirectoriesTest for real ones).
 */
class DeploymentPackageDirectoriesTest {

    @TempDir
    Path data;
    private final Storage storage = Storage.inMemory();
    /** The package each function runs now, as LambdaService's stored functions say. */
    private final Map<String, String> functions = new HashMap<>();
    private DeploymentPackages packages;
    private String oldCode;
    private String newCode;

    @BeforeEach
    void unpackTwoRevisions() {
        packages = new DeploymentPackages(storage, data, (function, key) -> key.equals(functions.get(function)));
        packages.keepOnly(Map.of()); // as at start: the code directory can no longer be listed
        oldCode = packages.store(HandlerPackages.zipBytes(Map.of("fn.Old", "package fn; public class Old { }"))).key();
        newCode = packages.store(HandlerPackages.zipBytes(Map.of("fn.New", "package fn; public class New { }"))).key();
    }

    @AfterEach
    void close() {
        packages.close();
        storage.close();
    }

    @Test
    void updateFunctionCode_oldCodesJvmEnded_freesItsDirectory_andKeepsTheNewOne() {
        Path old = packages.hold(function("f", oldCode));
        update("f", newCode, oldCode);
        Path current = packages.hold(function("f", newCode));

        packages.release(old);

        assertFalse(Files.exists(old), "the old code's directory is freed");
        assertTrue(Files.isRegularFile(current.resolve("fn/New.class")), "the new code's directory is there");
    }

    @Test
    void updateFunctionCode_oldCodesJvmsStillRunning_keepsItsDirectoryUntilTheLastEnds() {
        Path old = packages.hold(function("f", oldCode));
        packages.hold(function("f", oldCode));
        update("f", newCode, oldCode);

        packages.release(old);
        assertTrue(Files.isRegularFile(old.resolve("fn/Old.class")), "a JVM still loads classes from it");

        packages.release(old);
        assertFalse(Files.exists(old));
    }

    @Test
    void deleteFunction_noJvmRunning_freesItsDirectoryAtOnce() {
        functions.put("gone", oldCode);
        Path directory = packages.hold(function("gone", oldCode));
        packages.release(directory);

        functions.remove("gone");
        packages.retire("gone", oldCode);

        assertFalse(Files.exists(directory));
    }

    @Test
    void theCurrentCode_keepsItsDirectory_whenItsJvmsEnd_forItsNextColdStart() throws Exception {
        functions.put("f", oldCode);
        Path directory = packages.hold(function("f", oldCode));
        Path archive = Files.writeString(directory.resolve(".localcloud/classes-recorded.jsa"), "the archive later cold starts use");
        packages.release(directory);

        assertTrue(Files.isRegularFile(archive));
        assertEquals(directory, packages.hold(function("f", oldCode)), "the next JVM runs from the same directory");
    }

    @Test
    void retire_ofOneFunction_leavesAnotherFunctionWithTheSameCode() {
        functions.put("theirs", oldCode);
        Path mine = packages.hold(function("mine", oldCode));
        Path theirs = packages.hold(function("theirs", oldCode));
        packages.release(mine);
        packages.release(theirs);

        packages.retire("mine", oldCode);

        assertFalse(Files.exists(mine));
        assertTrue(Files.isDirectory(theirs));
    }

    @Test
    void aColdStartThatBeganBeforeTheUpdate_unpacksTheOldCodeAgain_whichIsFreedWhenItsJvmEnds() {
        functions.put("f", oldCode);
        update("f", newCode, oldCode); // no JVM ran the old code: its directory went at once

        Path late = packages.hold(function("f", oldCode)); // the invoke read the function before the update
        assertTrue(Files.isRegularFile(late.resolve("fn/Old.class")));
        packages.release(late);

        assertFalse(Files.exists(late));
        assertTrue(Files.isRegularFile(packages.hold(function("f", newCode)).resolve("fn/New.class")));
    }

    @Test
    void aJvmOfTheCurrentCode_servesLaterJvms_oneOfCodeReplacedOrDeleted_doesNot() {
        functions.put("f", oldCode);
        functions.put("gone", oldCode);
        Path current = packages.hold(function("f", oldCode));
        Path deleted = packages.hold(function("gone", oldCode));
        assertTrue(packages.servesLaterJvms(current), "its class archive, recorded at its stop, serves the next cold start");

        update("f", newCode, oldCode);
        functions.remove("gone");

        assertFalse(packages.servesLaterJvms(current), "the function runs other code: no JVM starts from this directory again");
        assertFalse(packages.servesLaterJvms(deleted), "the function was deleted");
        assertTrue(packages.servesLaterJvms(packages.hold(function("f", newCode))));
    }

    @Test
    void theCodeOfAnInMemoryCloud_servesNoLaterJvms_itGoesWithTheCloud() {
        functions.put("f", oldCode);
        try (DeploymentPackages inMemory = new DeploymentPackages(storage, null, (function, key) -> key.equals(functions.get(function)))) {
            assertFalse(inMemory.servesLaterJvms(inMemory.hold(function("f", oldCode))));
        }
    }

    @Test
    void theInMemoryCloudsOfOneJvm_shareOneWorkDirectory_soTheBootstrapsArchiveIsRecordedOnceForAll() {
        Path shared;
        try (DeploymentPackages first = new DeploymentPackages(storage, null, (function, key) -> true)) {
            shared = first.workDirectory();
            try (DeploymentPackages second = new DeploymentPackages(storage, null, (function, key) -> true)) {
                assertEquals(shared, second.workDirectory());
            }
        }
        assertTrue(Files.isDirectory(shared), "a cloud's close leaves it to the next in-memory cloud");
        assertTrue(packages.workDirectory().startsWith(data), "a cloud with a data directory keeps its own");
    }

    /** UpdateFunctionCode as LambdaService does it: the function stored with its new code, then the old retired. */
    private void update(String function, String code, String oldCode) {
        functions.put(function, code);
        packages.retire(function, oldCode);
    }

    private static FunctionConfig function(String name, String codeKey) {
        return new FunctionConfig(name, "arn:aws:lambda:ap-northeast-2:000000000000:function:" + name, "ap-northeast-2", "java21",
                LambdaExecutionTest.ROLE, "fn.Old", "", 3, 256, Map.of(), "sha", codeKey, 1,
                "2026-12-08T00:00:00.000+0000", "revision-" + codeKey, 0, true, Map.of(), null);
    }
}
