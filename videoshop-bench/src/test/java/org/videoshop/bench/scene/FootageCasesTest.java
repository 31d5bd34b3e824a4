package org.videoshop.bench.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.tensor.Video;

/** The real-footage generator: determinism, the sizes and kinds the set promises, and ground truth that is exact. */
class FootageCasesTest {

    private static List<FootageCase> guard;

    @BeforeAll
    static void make() {
        guard = FootageCases.guardSet().stream().map(FootageCases::make).toList();
    }

    @Test
    void theSetsHoldEveryKindAtUserSizesIn16By9And9By16() {
        List<CaseSpec> all = FootageCases.evaluationSet();
        assertEquals(30, all.size());
        assertEquals(EnumSet.allOf(EditKind.class), all.stream().map(CaseSpec::kind).collect(Collectors.toSet()));
        assertEquals(Set.of("384x216", "640x360", "216x384"),
                all.stream().map(s -> s.width() + "x" + s.height()).collect(Collectors.toSet()));
        assertTrue(all.stream().allMatch(s -> s.frames() >= 14));
        assertEquals(all.size(), all.stream().map(CaseSpec::name).distinct().count(), "names are unique");
        List<CaseSpec> g = FootageCases.guardSet();
        assertEquals(10, g.size());
        assertTrue(all.containsAll(g));
        assertEquals(EnumSet.allOf(EditKind.class), g.stream().map(CaseSpec::kind).collect(Collectors.toSet()));
    }

    @Test
    void theSameSpecGivesTheSameFramesAndAnotherSeedOthers() {
        CaseSpec spec = FootageCases.guardSet().get(1);
        FootageCase again = FootageCases.make(spec);
        assertEquals(guard.get(1).source(), again.source());
        assertEquals(guard.get(1).truth(), again.truth());
        assertArrayEquals(guard.get(1).masks(), again.masks());
        FootageCase other = FootageCases.make(new CaseSpec(spec.kind(), spec.width(), spec.height(), spec.frames(),
                spec.seed() + 1000));
        assertNotEquals(guard.get(1).source(), other.source());
    }

    @Test
    void truthEqualsSourceOutsideTheRegionAndDiffersInsideItOnEveryFrame() {
        for (FootageCase c : guard) {
            boolean[][] masks = c.masks();
            Video s = c.source();
            Video t = c.truth();
            float[] sd = s.data();
            float[] td = t.data();
            int plane = s.width() * s.height();
            for (int f = 0; f < s.frames(); f++) {
                int changedInside = 0;
                int inside = 0;
                for (int i = 0; i < plane; i++) {
                    boolean differs = false;
                    for (int ch = 0; ch < 3; ch++) {
                        int k = f * 3 * plane + ch * plane + i;
                        differs |= sd[k] != td[k];
                    }
                    if (masks[f][i]) {
                        inside++;
                        changedInside += differs ? 1 : 0;
                    } else {
                        assertFalse(differs, c.name() + " frame " + f + " differs outside its region at " + i);
                    }
                }
                assertTrue(changedInside > 0.002 * plane, c.name() + " frame " + f + ": the edit shows in "
                        + changedInside + " of " + plane + " pixels");
                assertTrue(inside < 0.5 * plane, c.name() + " frame " + f + ": a local edit, " + inside + " pixels");
            }
            assertEquals(t.frame(0), c.editedFirst());
        }
    }

    @Test
    void valuesAreOnThe8BitGridAndTheCameraMoves() {
        for (FootageCase c : guard) {
            for (float v : c.source().data()) {
                assertEquals(Math.round(v * 255f) / 255f, v, 0f);
            }
            Video s = c.source();
            double diff = 0;
            int fs = s.frameSize();
            float[] sd = s.data();
            for (int i = 0; i < fs; i++) {
                diff += Math.abs(sd[i] - sd[(s.frames() - 1) * fs + i]);
            }
            assertTrue(diff / fs > 0.03, c.name() + ": first and last frames differ by " + diff / fs + " on average");
        }
    }

    @Test
    void writtenCasesReadBackExactlyAtTheirOwnSize(@TempDir Path dir) throws IOException {
        FootageCase c = guard.get(0);
        CaseFolders.write(c, dir.resolve(c.name()));
        EvalCase back = EvalCase.load(dir.resolve(c.name()));
        assertEquals(c.spec().kind().id(), back.kind());
        assertEquals(c.source(), back.source());
        assertEquals(c.truth(), back.truth());
        assertEquals(c.editedFirst(), back.editedFirst());
        assertArrayEquals(c.masks(), back.masks());
        assertTrue(Files.readString(dir.resolve(c.name()).resolve("case.json")).contains(c.description()));
        IOException again = assertThrows(IOException.class, () -> CaseFolders.write(c, dir.resolve(c.name())));
        assertTrue(again.getMessage().contains("Expected no case"), again.getMessage());
    }

    @Test
    void badSpecsAreRefusedNamingWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CaseSpec(EditKind.ADD, 16, 216, 14, 1));
        assertTrue(e.getMessage().contains("at least 32x32") && e.getMessage().contains("16x216"), e.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> EditKind.of("blur"));
        assertTrue(k.getMessage().contains("recolour-region") && k.getMessage().contains("blur"), k.getMessage());
    }
}
