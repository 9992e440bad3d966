package dev.chatlab.localcloud;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rules of STYLE.md that keep the request path readable top-down, as a test:
 * no cycle between localcloud's packages, and no service reaching into another service's
 * internals. The root package (LocalCloud, Main) is the composition root that wires everything:
 * it is compared too, so nothing may depend on it (the configuration the services are given
 * lives in {@code config}).
 */
@AnalyzeClasses(packages = "dev.chatlab.localcloud", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.chatlab.localcloud";
    private static final String SERVICES = ROOT + ".services.";

    /** Each package of localcloud, the root package included, is a slice of its own. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(ROOT) || name.startsWith(ROOT + ".")
                    ? SliceIdentifier.of("package " + name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + ROOT;
        }
    };

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().assignedFrom(EACH_PACKAGE)
            .should().beFreeOfCycles();

    /** The store's engine (H2's MVStore) is the storage package's business: everything else sees StoredMap and Documents. */
    @ArchTest
    static final ArchRule onlyStorageSeesTheStoreEngine = noClasses().that().resideOutsideOfPackage(ROOT + ".storage")
            .should().dependOnClassesThat().resideInAPackage("org.h2..");

    /**
     * Another service is used through its top package (handler, service, the seams it offers)
     * and its model; its sub-packages are its own business. The services package itself
     * (ServiceCatalog) wires every service and may reach anywhere.
     */
    @ArchTest
    static final ArchRule noServiceReachesIntoAnother = classes().that().resideInAPackage("dev.chatlab.localcloud.services.*..")
            .should(useOtherServicesOnlyThroughTheirTopPackageOrModel());

    private static ArchCondition<JavaClass> useOtherServicesOnlyThroughTheirTopPackageOrModel() {
        return new ArchCondition<>("use another service only through its top package or its model") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = serviceOf(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String other = serviceOf(target);
                    if (other != null && !other.equals(own) && isInternal(target, other)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** "s3" for dev.chatlab.localcloud.services.s3.access; null outside a service. */
    static String serviceOf(String packageName) {
        if (!packageName.startsWith(SERVICES)) {
            return null;
        }
        String rest = packageName.substring(SERVICES.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isInternal(String packageName, String service) {
        String top = SERVICES + service;
        return !packageName.equals(top) && !packageName.equals(top + ".model");
    }
}
