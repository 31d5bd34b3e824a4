package org.videoshop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The CLI's self-contained jar holds no Spark, Scala or Hadoop class: Spark is provided to this module only. In a
 * reactor build ({@code mvn verify}) the videoshop-cli module is packaged before this module's tests run; a build that
 * never packaged it has no jar to check.
 */
class ShadedCliJarTest {

    @Test
    void videoshopJarHasNoSpark() throws IOException {
        Path jar = Path.of("..", "videoshop-cli", "target", "videoshop.jar");
        assumeTrue(Files.isRegularFile(jar), "videoshop-cli/target/videoshop.jar is built by 'package'");
        List<String> spark;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            spark = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                            || n.startsWith("org/apache/hadoop/"))
                    .limit(5).toList();
        }
        assertEquals(List.of(), spark, "Spark classes in " + jar);
    }
}
