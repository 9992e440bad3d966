package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceLauncherTest {

    @Test
    void withoutJavaToolOptions_theManagedRuntimesDefaultsApply() {
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", InstanceLauncher.QUICK_COMPILATION, "-XX:+UseSerialGC"),
                InstanceLauncher.managedRuntimeDefaults(null));
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", InstanceLauncher.QUICK_COMPILATION, "-XX:+UseSerialGC"),
                InstanceLauncher.managedRuntimeDefaults("-Dcolor=blue -Xss1m"));
    }

    @Test
    void aTieredSettingOfTheFunction_replacesBothTieredDefaults_andKeepsTheCollector() {
        assertEquals(List.of("-XX:+UseSerialGC"), InstanceLauncher.managedRuntimeDefaults("-XX:TieredStopAtLevel=4"));
        assertEquals(List.of("-XX:+UseSerialGC"), InstanceLauncher.managedRuntimeDefaults("-XX:-TieredCompilation"));
    }

    @Test
    void aCollectorOfTheFunction_replacesTheSerialDefault() {
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", InstanceLauncher.QUICK_COMPILATION),
                InstanceLauncher.managedRuntimeDefaults("-XX:+UseShenandoahGC"));
        assertEquals(List.of(), InstanceLauncher.managedRuntimeDefaults("-XX:+UseParallelGC -XX:TieredStopAtLevel=4"));
    }

    @Test
    void compileThresholdsOfTheFunction_replaceTheQuickCompilationDefault_andKeepC1Only() {
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                InstanceLauncher.managedRuntimeDefaults("-XX:CompileThresholdScaling=1.0"));
    }
}
