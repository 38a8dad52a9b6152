package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The recipes in {@code recipes/} are config files that {@code train} accepts as they are. */
class RecipesTest {
    @Test
    void everyRecipeReadsAsATrainConfig() throws IOException {
        List<Path> recipes;
        try (var files = Files.list(Path.of("..", "recipes"))) {
            recipes = files.filter(f -> f.toString().endsWith(".yaml")).toList();
        }
        assertFalse(recipes.isEmpty());
        for (Path recipe : recipes) {
            ConfigFile.read(recipe, new CommandLine(new TrainCommand()).getCommandSpec());   // throws on a bad value
        }
    }

    @Test
    void theTermListIsOne() throws IOException {
        var terms = org.seq2seq.core.translate.Terminology.read(Path.of("..", "recipes", "multi30k-terms.tsv")).terms();
        assertEquals(30, terms.size());
        assertEquals(new org.seq2seq.core.translate.Terminology.Term("Fahrrad", "bicycle"), terms.get(0));
    }
}
