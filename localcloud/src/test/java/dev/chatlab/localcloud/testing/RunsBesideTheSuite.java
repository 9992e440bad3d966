package dev.chatlab.localcloud.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * A test class that spends its time waiting out AWS-like timing windows (a table CREATING, a
 * function Pending, a stack's resources created one after the other), not computing: it runs
 * beside the suite's other classes (junit-platform.properties), so its waits add nothing to the
 * suite's time. Its own tests still run one after the other, as they were written to: the class
 * holds a lock of its own ({@link OwnClassLock}), and JUnit runs what is under an exclusive lock
 * in one thread. Its cloud comes from {@link TestCloud}, whose starts never meet the Lambda
 * settings another class sets as system properties for its own cloud.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(providers = RunsBesideTheSuite.OwnClassLock.class)
public @interface RunsBesideTheSuite {

    /** A lock named after the test class: the class runs beside other classes, its tests one at a time. */
    final class OwnClassLock implements ResourceLocksProvider {
        @Override
        public Set<Lock> provideForClass(Class<?> testClass) {
            return Set.of(new Lock(testClass.getName()));
        }
    }
}
