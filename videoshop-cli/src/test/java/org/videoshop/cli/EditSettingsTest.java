package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.InversionMode;
import org.videoshop.VideoshopOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/** Every shared edit flag reaches the {@link VideoshopOptions} it builds, and bad values are usage errors. */
class EditSettingsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        EditSettings settings;
    }

    private static VideoshopOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.settings.toOptions();
    }

    @Test
    void everyFlagReachesTheOptions() {
        VideoshopOptions o = parse("--strength", "0.7", "--steps", "30", "--seed", "9", "--inversion", "naive",
                "--guidance", "1.5,2.5", "--sigma-threshold", "0.5", "--window", "6", "--overlap", "3", "--no-normalize",
                "--authors-inversion-condition");
        assertEquals(0.7, o.strength());
        assertEquals(30, o.steps());
        assertEquals(9, o.seed());
        assertEquals(InversionMode.NAIVE, o.inversionMode());
        assertEquals(1.5, o.guidanceMin());
        assertEquals(2.5, o.guidanceMax());
        assertEquals(0.5, o.sigmaThreshold());
        assertEquals(Integer.valueOf(6), o.windowFrames());
        assertEquals(3, o.windowOverlap());
        assertEquals(Boolean.FALSE, o.normalize());
        assertTrue(o.normalizeInversionCondition());
    }

    @Test
    void presetAuthorsIsTheAuthorsRunAndLaterFlagsOverrideIt() {
        assertEquals(VideoshopOptions.authors(), parse("--preset", "authors"));
        VideoshopOptions o = parse("--preset", "authors", "--guidance", "1,3", "--normalization", "per-channel");
        assertEquals(VideoshopOptions.authorsBuilder().guidance(1, 3)
                .normalization(org.videoshop.diffusion.LatentNormalization.PER_CHANNEL).build(), o);
        assertEquals("per-frame", parse("--normalization", "Per-Frame").normalization());
        CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.ParameterException.class, () -> parse("--normalization", "per_frame"));
        assertTrue(e.getMessage().contains("--normalization") && e.getMessage().contains("one of per-channel,"
                + " per-frame, but found 'per_frame'"), e.getMessage());
    }

    @Test
    void sigmaSpacingChoosesTheSchedule() {
        assertEquals("karras", parse().sigmaSpacing());
        assertEquals("exponential", parse("--sigma-spacing", "Exponential").sigmaSpacing());
        CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.ParameterException.class, () -> parse("--sigma-spacing", "linear"));
        assertTrue(e.getMessage().contains("--sigma-spacing") && e.getMessage().contains("one of karras,"
                + " exponential") && e.getMessage().endsWith(", but found 'linear'"), e.getMessage());
    }

    @Test
    void anUnknownPresetIsAUsageError() {
        CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.ParameterException.class, () -> parse("--preset", "fast"));
        assertTrue(e.getMessage().contains("expected the preset authors but found 'fast'"), e.getMessage());
    }

    @Test
    void withoutFlagsTheLibraryDefaultsApply() {
        VideoshopOptions o = parse();
        VideoshopOptions d = VideoshopOptions.defaults();
        assertEquals(d, o);
        assertFalse(o.normalizeInversionCondition());
        assertNull(o.guidanceMin(), "no --guidance: the model's recommendation");
        assertNull(o.guidanceMax());
        assertNull(o.sigmaThreshold(), "no --sigma-threshold: the model's recommendation");
    }

    @Test
    void oneGuidanceNumberIsAConstantScale() {
        VideoshopOptions o = parse("--guidance", "2");
        assertEquals(2.0, o.guidanceMin());
        assertEquals(2.0, o.guidanceMax());
    }

    @Test
    void theGuidanceHelpSaysUnsetMeansTheModelsRecommendation() {
        OptionSpec option = new CommandLine(new Probe()).getCommandSpec().findOption("--guidance");
        assertNull(option.defaultValue(), "no fixed default");
        String text = String.join(" ", option.description());
        assertTrue(text.contains("(default: the model's recommendation, see videoshop info; SVD's is 1,3)"), text);
        String help = new CommandLine(new Probe()).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains("default: the model's recommendation, see videoshop info"), help);
    }

    @Test
    void theSigmaThresholdHelpSaysUnsetMeansTheModelsRecommendation() {
        OptionSpec option = new CommandLine(new Probe()).getCommandSpec().findOption("--sigma-threshold");
        assertNull(option.defaultValue(), "no fixed default");
        String text = String.join(" ", option.description());
        assertTrue(text.contains("(default: the model's recommendation, see videoshop info; the paper's and SVD's"
                + " is 1)"), text);
        assertEquals(0.0, parse("--sigma-threshold", "0").sigmaThreshold(), "0 is a value, not unset");
    }

    @Test
    void aNegativeSigmaThresholdIsAUsageError(@TempDir Path dir) {
        Cli.Run run = Cli.run("evaluate", "--cases", dir.resolve("missing").toString(), "--sigma-threshold", "-1");
        assertEquals(VideoshopCli.EXIT_USAGE, run.exit(), run::toString);
        assertTrue(run.err().contains("Expected sigmaThreshold >= 0 and finite (or unset) but found -1.0"),
                run::toString);
        Cli.Run text = Cli.run("evaluate", "--cases", dir.resolve("missing").toString(), "--sigma-threshold", "x");
        assertEquals(VideoshopCli.EXIT_USAGE, text.exit(), text::toString);
    }

    @Test
    void evaluateRejectsABadSettingAsAUsageErrorBeforeReadingCases(@TempDir Path dir) {
        Cli.Run run = Cli.run("evaluate", "--cases", dir.resolve("missing").toString(), "--strength", "1.5");
        assertEquals(VideoshopCli.EXIT_USAGE, run.exit(), run::toString);
        assertTrue(run.err().contains("Expected strength in (0, 1] but found 1.5"), run::toString);
    }

    @Test
    void evaluateWithoutCasesOrWithAFileForThemIsAUsageError(@TempDir Path dir) throws java.io.IOException {
        Cli.Run none = Cli.run("evaluate");
        assertEquals(VideoshopCli.EXIT_USAGE, none.exit(), none::toString);
        assertTrue(none.err().contains("Expected --cases DIR or --make-cases DIR but found neither"), none::toString);
        Path file = java.nio.file.Files.writeString(dir.resolve("cases.txt"), "not a folder");
        Cli.Run notFolder = Cli.run("evaluate", "--cases", file.toString());
        assertEquals(VideoshopCli.EXIT_USAGE, notFolder.exit(), notFolder::toString);
        assertTrue(notFolder.err().contains("Expected --cases to be a folder of cases but found a file at " + file),
                notFolder::toString);
        Cli.Run makeOnFile = Cli.run("evaluate", "--make-cases", file.toString());
        assertEquals(VideoshopCli.EXIT_USAGE, makeOnFile.exit(), makeOnFile::toString);
        assertTrue(makeOnFile.err().contains("Expected --make-cases to name a folder but found a file at " + file),
                makeOnFile::toString);
    }
}
