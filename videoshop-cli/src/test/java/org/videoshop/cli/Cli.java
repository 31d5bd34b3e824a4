package org.videoshop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in this JVM and captures what it prints. */
final class Cli {

    /** The random-weights bundle of the tiny architecture (32x32 frames); outputs are meaningless but real. */
    static final Path RANDOM_TINY = Path.of(System.getProperty("videoshop.test.bundle",
            "../videoshop-onnx/src/test/resources/bundles/random-tiny"));

    /** A finished run. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        CommandLine cl = VideoshopCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code edit} with the random-tiny bundle and few steps, quietly, plus extra arguments. */
    static Run edit(Path in, Path editedFirst, Path out, String... extra) {
        String[] base = {"edit", "--input", in.toString(), "--edited-first", editedFirst.toString(), "--output",
                out.toString(), "--model", RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5", "--quiet"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }
}
