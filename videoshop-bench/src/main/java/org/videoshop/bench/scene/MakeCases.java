package org.videoshop.bench.scene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.videoshop.bench.Args;

/**
 * Writes the real-footage evaluation cases into a folder:
 *
 * <pre>
 * java -cp benchmarks.jar org.videoshop.bench.scene.MakeCases --out DIR [--set evaluation|guard]
 * </pre>
 *
 * (the CLI's {@code videoshop evaluate --make-cases DIR} does the same).
 */
public final class MakeCases {

    private static final String USAGE = "Usage: MakeCases --out DIR [--set evaluation|guard]";

    private MakeCases() {
    }

    /** The named set: {@code evaluation} (30 cases) or {@code guard} (the build's 10). */
    public static List<CaseSpec> set(String name) {
        return switch (name) {
            case "evaluation" -> FootageCases.evaluationSet();
            case "guard" -> FootageCases.guardSet();
            default -> throw new IllegalArgumentException("Expected a case set of evaluation, guard but found "
                    + name);
        };
    }

    public static void main(String[] args) throws IOException {
        Args a;
        List<CaseSpec> specs;
        try {
            a = Args.parse(args, Set.of("out", "set"), USAGE);
            if (a.get("out") == null) {
                throw new IllegalArgumentException("Expected --out DIR\n" + USAGE);
            }
            specs = set(a.get("set", "evaluation"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CaseFolders.writeAll(specs, Path.of(a.get("out")), System.err);
    }
}
