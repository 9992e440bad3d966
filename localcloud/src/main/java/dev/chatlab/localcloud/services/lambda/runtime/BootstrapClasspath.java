package dev.chatlab.localcloud.services.lambda.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.chatlab.lambdaruntime.Bootstrap;
import java.net.URISyntaxException;
import org.joda.time.DateTime;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the bootstrap of a function instance lives: the lambda-runtime module and its two
 * dependencies (aws-lambda-java-core, aws-lambda-java-serialization and joda-time, which the
 * serializer of the events classes loads) are dependencies of
 * localcloud, so they are on localcloud's own classpath, wherever that is: the reactor's
 * {@code target/classes} and the Maven repository under {@code mvn test}, or
 * {@code localcloud/target/lib/*.jar} when localcloud runs from its jar. localcloud asks the JVM
 * where it loaded one class of each from, and hands those locations to the instance's JVM.
 */
public final class BootstrapClasspath {

    public static final String MAIN_CLASS = Bootstrap.class.getName();

    private BootstrapClasspath() {
    }

    public static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> marker : List.of(Bootstrap.class, RequestHandler.class, PojoSerializer.class, DateTime.class)) {
            entries.add(locationOf(marker));
        }
        return List.copyOf(entries);
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot find where " + type.getName() + " was loaded from", e);
        }
    }
}
