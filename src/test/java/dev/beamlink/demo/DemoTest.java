package dev.beamlink.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamlink.dist.PlainTcp;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code make demo} keeps working: each of its scenes happens and is told. */
@Tag("interop")
@PlainTcp
class DemoTest {

    @Test
    void theDemoTellsItsFiveScenes() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Demo.run(lines::add);
        String told = String.join("\n", lines);
        assertEquals(11, lines.size(), told);
        assertTrue(lines.get(2).contains("the Java process receives Exit[from=<demo_erl_") && lines.get(2).contains("badarith"), told);
        assertTrue(lines.get(4).contains("it receives Down[") && lines.get(4).endsWith("reason=normal]"), told);
        assertTrue(lines.get(6).contains("erl prints {'DOWN',#Ref<") && lines.get(6).endsWith(",{java_worker,demo_java@localhost},normal}"), told);
        assertTrue(lines.get(7).startsWith("4. gen_server erl> gen_server:call({java_counter,") && lines.get(7).endsWith("% {ok,5}"), told);
        assertTrue(lines.get(8).endsWith("it replies hello"), told);
        assertTrue(lines.get(9).contains("the Java process receives NodeDown[node=demo_erl_"), told);
    }
}
