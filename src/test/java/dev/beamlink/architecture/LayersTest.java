package dev.beamlink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of architecture.md as rules on the code (the library's classes, not its tests): the codec and EPMD know
 * nothing of ours; the runtime knows nothing of the distribution; the distribution's wire layers (handshake, frames,
 * control messages, transport) know nothing of the runtime; OTP's services sit above the connection layer; and no
 * package depends, through others, on itself.
 */
class LayersTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.beamlink");
    }

    @Test
    void theCodecDependsOnNothingOfOurs() {
        check(noClasses().that().resideInAPackage("dev.beamlink.etf..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dev.beamlink.etf..")));
    }

    @Test
    void epmdDependsOnNothingOfOurs() {
        check(noClasses().that().resideInAPackage("dev.beamlink.epmd..")
                .should().dependOnClassesThat().resideInAnyPackage(ours("dev.beamlink.epmd..")));
    }

    @Test
    void theRuntimeNeverDependsOnTheDistributionNorOnServices() {
        check(noClasses().that().resideInAPackage("dev.beamlink.node..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.beamlink.dist..", "dev.beamlink.otp..",
                        "dev.beamlink.global..", "dev.beamlink.epmd.."));
    }

    @Test
    void theWireLayersNeverDependOnTheRuntime() {
        check(noClasses().that().resideInAnyPackage("dev.beamlink.dist.handshake..", "dev.beamlink.dist.frame..",
                        "dev.beamlink.dist.control..", "dev.beamlink.dist.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.beamlink.node..", "dev.beamlink.otp..",
                        "dev.beamlink.global..", "dev.beamlink.epmd.."));
    }

    @Test
    void theWireLayersNeverDependOnTheConnectionsAboveThem() {
        check(noClasses().that().resideInAnyPackage("dev.beamlink.dist.handshake..", "dev.beamlink.dist.frame..",
                        "dev.beamlink.dist.control..", "dev.beamlink.dist.transport..")
                .should().dependOnClassesThat().resideInAPackage("dev.beamlink.dist"));
    }

    @Test
    void servicesSitAboveTheConnectionLayerAndUseTheNodesPublicApiOnly() {
        check(noClasses().that().resideInAnyPackage("dev.beamlink.otp..", "dev.beamlink.global..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.beamlink.dist..", "dev.beamlink.node.spi.."));
    }

    @Test
    void theRuntimeSeamIsUsedOnlyByTheRuntimeAndTheConnectionLayer() {
        check(noClasses().that().resideOutsideOfPackages("dev.beamlink.node..", "dev.beamlink.dist")
                .should().dependOnClassesThat().resideInAnyPackage("dev.beamlink.node.spi..",
                        "dev.beamlink.node.internal.."));
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        check(slices().matching("dev.beamlink.(**)").should().beFreeOfCycles());
    }

    private static String[] ours(String except) {
        String[] all = {"dev.beamlink.etf..", "dev.beamlink.epmd..", "dev.beamlink.node..", "dev.beamlink.dist..",
                "dev.beamlink.otp..", "dev.beamlink.global.."};
        return java.util.Arrays.stream(all).filter(p -> !p.equals(except)).toArray(String[]::new);
    }

    private static void check(ArchRule rule) {
        rule.check(library);
    }
}
