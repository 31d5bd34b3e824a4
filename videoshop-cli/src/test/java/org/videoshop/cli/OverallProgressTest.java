package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.videoshop.Stage;

/**
 * The one progress bar ends its line when it closes, and nothing of it is drawn after that: the message printed
 * next (here the cancellation line, as {@code VideoshopCli} prints it) is a line of its own. The bar redraws every
 * millisecond on progressbar's own thread while the edit's thread signals and closes, the race that once put the
 * bar and the cancel message on one line.
 */
class OverallProgressTest {

    private static final String MESSAGE = "videoshop edit: Edit cancelled during INVERT at step 3 of 13";

    @Test
    void theMessageAfterClosingIsAlwaysALineOfItsOwn() throws InterruptedException {
        String eol = System.lineSeparator();
        for (int round = 0; round < 40; round++) {
            StringWriter text = new StringWriter();
            PrintWriter err = new PrintWriter(text);
            OverallProgress bar = OverallProgress.create(false, err, "edit", 1);
            bar.onProgress(Stage.INVERT, 0, 13);
            long until = System.nanoTime() + 8_000_000L + round * 250_000L; // vary where close falls
            for (long done = 0; System.nanoTime() < until; done++) {
                bar.onOverall(0, 1, Math.min(done, 999), 1000);
            }
            bar.close();
            synchronized (err) { // as the CLI's failure handler prints, on the same writer
                err.println(MESSAGE);
                err.flush();
            }
            bar.onOverall(0, 1, 1000, 1000); // a late signal draws nothing either
            Thread.sleep(5); // several refresh periods: a refresh still running would draw now
            String s = text.toString();
            assertTrue(s.endsWith(eol + MESSAGE + eol), "round " + round + ": the message is the last line, alone: "
                    + s.substring(Math.max(0, s.length() - 300)).replace("\r", "\\r"));
            assertEquals(1, s.split(java.util.regex.Pattern.quote(MESSAGE), -1).length - 1, "printed once");
            bar.close(); // twice: harmless, prints nothing
            assertEquals(s, text.toString(), "closing twice prints nothing");
        }
    }

    @Test
    void aQuietBarPrintsNothing() {
        StringWriter text = new StringWriter();
        try (OverallProgress bar = OverallProgress.create(true, new PrintWriter(text), "edit")) {
            bar.onOverall(0, 1, 0, 10);
            bar.onOverall(0, 1, 10, 10);
        }
        assertEquals("", text.toString());
    }
}
