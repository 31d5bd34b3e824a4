package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * A schedule registered by the user ({@code karras-rho3}, in this module's test {@code META-INF/services}) is
 * listed by {@code --help} beside the built-ins, runs an edit and an inversion by name, and an inversion made with
 * it refuses an edit with another schedule, naming both; an unknown name is a usage error listing those found.
 */
class UserScheduleCliTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path in;
    static Path edited;

    @BeforeAll
    static void writeInputs() throws IOException {
        in = shared.resolve("in");
        VideoIO.write(Clip.of(TestClips.movingDisc(4, 32, 32)), in, 7);
        edited = shared.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, 4, 32, 32, new Color(250, 220, 30)), "png", edited.toFile());
    }

    @Test
    void helpListsTheSchedulesAndNormalizationsFound() {
        Cli.Run help = Cli.run("edit", "--help");
        assertEquals(0, help.exit(), help::toString);
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("by name: karras, exponential, karras-rho3"), text);
        assertTrue(text.contains("by name: per-channel, per-frame"), text);
    }

    @Test
    void theUsersScheduleRunsByNameAndItsInversionKeepsToIt() throws IOException {
        Path out = dir.resolve("out");
        Cli.Run edit = Cli.edit(in, edited, out, "--sigma-spacing", "karras-rho3");
        assertEquals(0, edit.exit(), edit::toString);
        try (var frames = Files.list(out)) {
            assertEquals(4, frames.count());
        }
        Path inv = dir.resolve("clip.inv");
        Cli.Run invert = InvertCliTest.invert(in, inv, "--sigma-spacing", "KARRAS-rho3");
        assertEquals(0, invert.exit(), invert::toString);
        Cli.Run fromIt = InvertCliTest.editInverted(inv, edited, dir.resolve("again"), "--sigma-spacing",
                "karras-rho3");
        assertEquals(0, fromIt.exit(), fromIt::toString);
        Cli.Run other = InvertCliTest.editInverted(inv, edited, dir.resolve("other"));
        assertEquals(VideoshopCli.EXIT_FAILURE, other.exit(), other::toString);
        assertTrue(other.err().contains("sigmaSpacing=karras-rho3 (expected karras)"), other::toString);
        assertFalse(Files.exists(dir.resolve("other")), "nothing written");
    }

    @Test
    void anUnknownScheduleIsAUsageErrorListingTheNamesFound() {
        Cli.Run run = Cli.edit(in, edited, dir.resolve("out"), "--sigma-spacing", "cosine");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--sigma-spacing") && run.err().contains("one of karras, exponential,"
                + " karras-rho3, but found 'cosine'"), run::toString);
    }
}
