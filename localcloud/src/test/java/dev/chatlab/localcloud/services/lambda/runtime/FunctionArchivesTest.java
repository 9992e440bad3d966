package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an instance starts with respect to its revision's class-data-sharing archive, given the
 * files in code directories (each code revision has its own), without starting JVMs.
 */
class FunctionArchivesTest {

    private static final Path JAVA = RuntimeSettings.javaFor("java21");

    @TempDir
    Path root;

    private final BootstrapArchive bootstrap = new BootstrapArchive(null, List.of());
    private final FunctionArchives archives = new FunctionArchives(bootstrap, true, 20_000);

    @Test
    void aRevisionWithoutItsArchive_hasItsFirstInstanceRecordIt_oneRecorderAtATime() throws IOException {
        Path code = codeRevision("first");

        FunctionArchives.Start first = archives.startFor(JAVA, code);
        assertTrue(first.records());
        assertTrue(first.options().contains("-XX:+RecordDynamicDumpInfo"), first.options().toString());
        assertTrue(first.options().contains("-Dlocalcloud.recordClassArchive=" + archives.archiveName(JAVA)), first.options().toString());
        assertTrue(first.options().contains("-Dlocalcloud.recordClassArchivePauseMillis=20000"), "it records after a pause: " + first.options());
        assertTrue(first.options().contains("-XX:DumpLoadedClassList=" + archives.archiveName(JAVA) + ".classes"),
                "the recorder links what it loaded before its dump: " + first.options());

        archives.recording(code, ProcessHandle.current());
        FunctionArchives.Start second = archives.startFor(JAVA, code);
        assertFalse(second.records(), "another instance records it already");
        assertFalse(String.join(" ", second.options()).contains("SharedArchiveFile"), second.options().toString());
    }

    @Test
    void aRecordedArchive_startsItsRevision_butNeverANewCodeRevision() throws IOException {
        Path old = codeRevision("old");
        Files.write(old.resolve(archives.archiveName(JAVA)), new byte[] {1});
        Path updated = codeRevision("updated");

        FunctionArchives.Start oldStart = archives.startFor(JAVA, old);
        assertTrue(oldStart.options().contains("-XX:SharedArchiveFile=" + archives.archiveName(JAVA)), oldStart.options().toString());
        assertFalse(oldStart.records());

        FunctionArchives.Start newStart = archives.startFor(JAVA, updated);
        assertTrue(newStart.records(), "the new code records its own archive");
        assertFalse(String.join(" ", newStart.options()).contains("SharedArchiveFile"), newStart.options().toString());
    }

    @Test
    void anArchiveOfAnotherJdkOrBootstrap_isNotUsed() throws IOException {
        Path code = codeRevision("stale");
        Files.write(code.resolve(FunctionArchives.DIRECTORY).resolve("classes-0123456789abcdef.jsa"), new byte[] {1});

        FunctionArchives.Start start = archives.startFor(JAVA, code);

        assertFalse(String.join(" ", start.options()).contains("SharedArchiveFile"), start.options().toString());
        assertTrue(start.records());
    }

    @Test
    void afterTwoRecordersServedAndEndedWithoutAnArchive_instancesStartWithoutRecording() throws Exception {
        Path code = codeRevision("unrecordable");
        for (int attempt = 0; attempt < FunctionArchives.MAX_RECORDINGS; attempt++) {
            assertTrue(archives.startFor(JAVA, code).records());
            ProcessHandle ended = endedProcess();
            archives.recording(code, ended);
            archives.handedOver(code, ended);
        }

        assertFalse(archives.startFor(JAVA, code).records());
    }

    @Test
    void newCode_getsNoJvmStartedAhead_untilItsFirstInstanceRecordedItsArchive() throws IOException {
        Path code = codeRevision("new-code");
        assertFalse(archives.settled(JAVA, code), "a spare would start without the archive and keep it from being recorded");

        Files.write(code.resolve(archives.archiveName(JAVA)), new byte[] {1});
        assertTrue(archives.settled(JAVA, code));
        assertTrue(new FunctionArchives(bootstrap, false, 20_000).settled(JAVA, codeRevision("never-archived")), "nothing to wait for");
    }

    @Test
    void theRecorder_hasRecordedOnceItsArchiveIsWritten_noOtherJvmHasRecorded() throws IOException {
        Path code = codeRevision("recorded-by");
        archives.recording(code, ProcessHandle.current());

        assertFalse(archives.recordedBy(JAVA, ProcessHandle.current()), "still recording");
        Files.write(code.resolve(archives.archiveName(JAVA)), new byte[] {1});
        assertTrue(archives.recordedBy(JAVA, ProcessHandle.current()));
        assertFalse(archives.recordedBy(JAVA, ProcessHandle.current().parent().orElseThrow()), "another JVM recorded nothing");
    }

    @Test
    void theRecorder_isKnownAsOne_beforeAndAfterItsArchiveIsWritten_noOtherJvmIs() throws IOException {
        Path code = codeRevision("recorded");
        archives.recording(code, ProcessHandle.current());

        assertTrue(archives.isRecorder(ProcessHandle.current()), "still recording: stopped with SIGTERM, it records at its stop");
        Files.write(code.resolve(archives.archiveName(JAVA)), new byte[] {1});
        assertTrue(archives.isRecorder(ProcessHandle.current()));
        assertFalse(archives.isRecorder(ProcessHandle.current().parent().orElseThrow()), "another JVM records nothing");
    }

    @Test
    void aRecordingSpareStoppedUnused_doesNotCountAsATry() throws Exception {
        Path code = codeRevision("replaced-before-use");
        for (int attempt = 0; attempt < FunctionArchives.MAX_RECORDINGS + 1; attempt++) {
            archives.recording(code, endedProcess());
        }

        assertTrue(archives.startFor(JAVA, code).records());
    }

    @Test
    void withoutThePackageJar_orWithABootstrapOfDirectories_nothingIsRecorded() throws IOException {
        Path unpackedOnly = Files.createDirectories(root.resolve("unpacked-only"));
        assertFalse(archives.startFor(JAVA, unpackedOnly).records());
        assertTrue(FunctionArchives.codeClasspath(unpackedOnly).equals(List.of(".", "lib/*")));

        FunctionArchives underMavenTest = new FunctionArchives(bootstrap, false, 20_000);
        assertFalse(underMavenTest.startFor(JAVA, codeRevision("classes-directories")).records());
    }

    @Test
    void thePackageJar_comesBeforeTheUnpackedFiles_onTheClasspath() throws IOException {
        assertTrue(FunctionArchives.codeClasspath(codeRevision("jar")).equals(List.of(FunctionArchives.PACKAGE_JAR, "lib/*", ".")));
    }

    /** A code directory as DeploymentPackages leaves it: the unpacked package and the package jar. */
    private Path codeRevision(String name) throws IOException {
        Path code = Files.createDirectories(root.resolve(name));
        Files.createDirectories(code.resolve(FunctionArchives.DIRECTORY));
        Files.write(code.resolve(FunctionArchives.PACKAGE_JAR), new byte[] {'P', 'K'});
        return code;
    }

    private static ProcessHandle endedProcess() throws Exception {
        Process process = new ProcessBuilder(JAVA.toString(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return process.toHandle();
    }
}
