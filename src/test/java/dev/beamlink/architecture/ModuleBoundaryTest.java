package dev.beamlink.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.epmd.EpmdClient;
import dev.beamlink.etf.Term;
import dev.beamlink.node.Node;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The modules export what users call and nothing else (README, "The boundary"). */
class ModuleBoundaryTest {

    @Test
    void theNodeModuleExportsItsApiOnly() {
        assertEquals(Set.of("dev.beamlink.node", "dev.beamlink.dist", "dev.beamlink.dist.transport", "dev.beamlink.dist.transport.tls",
                "dev.beamlink.global", "dev.beamlink.otp", "dev.beamlink.otp.pg", "dev.beamlink.otp.rpc"),
                exports(Node.class));
    }

    @Test
    void theCodecAndEpmdExportTheirOnePackage() {
        assertEquals(Set.of("dev.beamlink.etf", "dev.beamlink.etf.mapping"), exports(Term.class));
        assertEquals(Set.of("dev.beamlink.epmd"), exports(EpmdClient.class));
    }

    private static Set<String> exports(Class<?> member) {
        Module module = member.getModule();
        assertTrue(module.isNamed(), member + " is loaded from the module path (the tests run in the module)");
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports export : module.getDescriptor().exports()) {
            assertTrue(export.targets().isEmpty(), "exported to everyone or not at all: " + export);
            exported.add(export.source());
        }
        return exported;
    }
}
