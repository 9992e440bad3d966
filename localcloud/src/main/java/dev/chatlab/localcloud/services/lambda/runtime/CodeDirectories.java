package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.nio.file.Path;

/**
 * The unpacked code that function JVMs run from. Each JVM holds its directory from before it
 * starts until it has exited, so that the directory of code a function no longer runs is freed
 * only once nothing runs from it any more: an instance of old code may still load classes from
 * it, and a recorder stopped while its code was still current may still be writing the class
 * archive into it (see {@link FunctionArchives}; one stopped after is killed, see {@link #servesLaterJvms}).
 */
public interface CodeDirectories {

    /** The directory of {@code config}'s code, unpacked if it is not yet, held for one JVM until {@link #release}. */
    Path hold(FunctionConfig config);

    /** The JVM that held {@code directory} has exited, or never started. */
    void release(Path directory);

    /**
     * True when {@code directory}, held now, will serve later JVMs: its function still runs that
     * code, and the directory outlives this run of the cloud (an in-memory cloud's code goes with
     * it). Only then is what a JVM stopped now would write into it (the class archive) worth writing.
     */
    boolean servesLaterJvms(Path directory);
}
