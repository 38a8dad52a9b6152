package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's {@code --help}: each default shown once, by picocli, and no empty ones. */
class HelpTest {
    @Test
    void eachDefaultIsShownOnce() {
        for (String command : List.of("demo", "prepare", "train", "translate", "evaluate", "score", "bpe", "bpe learn",
                "bpe apply", "bpe join", "bench", "bench-decode", "serve", "bench-serve", "average", "mix")) {
            CliRun run = CliRun.of((command + " --help").split(" "));
            assertEquals(0, run.exitCode(), command + ": " + run.err());
            String help = run.out();
            assertFalse(help.toLowerCase(java.util.Locale.ROOT).contains("(default:"), command + ":\n" + help);
            assertFalse(help.contains("Default: []"), command + ":\n" + help);
            // an option's block: its lines up to the next option; at most one "Default:" in each
            String[] blocks = help.split("\\n(?=\\s{2,}(-|\\[))");
            for (String block : blocks) {
                long defaults = block.lines().filter(l -> l.contains("Default:")).count();
                assertFalse(defaults > 1, command + ": a default shown twice in\n" + block);
                assertFalse(block.contains("Default:") && block.lines().filter(l -> l.contains("Default:"))
                        .anyMatch(l -> l.indexOf("Default:") != l.lastIndexOf("Default:")), block);
            }
        }
    }
}
