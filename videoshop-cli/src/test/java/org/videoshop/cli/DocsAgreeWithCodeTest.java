package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults that README.md and docs/cli.md state are the code's: picocli's defaults of {@code videoshop edit},
 * {@link VideoshopOptions#defaults()}, and the bundled tiny model's recommendations; and README's Java snippet
 * compiles as printed (imports included).
 */
class DocsAgreeWithCodeTest {

    private static final Path ROOT = Path.of("..");

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    /** {@code --flag} to the default stated at the end of its row in docs/cli.md's edit table: "... (0.55) |". */
    private static Map<String, String> cliTableDefaults() throws IOException {
        String cli = read("docs/cli.md");
        String edit = cli.substring(cli.indexOf("### `videoshop edit`"), cli.indexOf("Frames of any size"));
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `(?:-\\w, )?(--[a-z-]+)[^`]*` \\|.*\\(([^()]*)\\) \\|$").matcher(edit);
        while (m.find()) {
            out.put(m.group(1), m.group(2).split(";")[0].replace("`", "").strip());
        }
        return out;
    }

    @Test
    void cliReferenceStatesEveryDefaultOfEdit() throws IOException {
        Map<String, String> documented = cliTableDefaults();
        CommandLine edit = VideoshopCli.commandLine().getSubcommands().get("edit");
        List<String> checked = new ArrayList<>();
        for (OptionSpec o : edit.getCommandSpec().options()) {
            if (o.defaultValue() == null || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String flag = o.longestName();
            assertTrue(documented.containsKey(flag), "docs/cli.md states no default for " + flag + " (code: "
                    + o.defaultValue() + ")");
            assertEquals(o.defaultValue(), documented.get(flag), "docs/cli.md's default of " + flag);
            checked.add(flag);
        }
        assertTrue(checked.containsAll(List.of("--strength", "--steps", "--seed", "--inversion", "--overlap",
                "--model")), "checked " + checked);
    }

    @Test
    void cliDefaultsAreTheLibrarysDefaults() {
        VideoshopOptions library = VideoshopOptions.defaults();
        CommandLine edit = new CommandLine(new EditCommand());
        edit.parseArgs("-i", "in", "-e", "e.png", "-o", "out");
        VideoshopOptions cli = ((EditCommand) edit.getCommand()).settings.toOptions();
        assertEquals(library, cli, "edit without flags runs the library's defaults");
    }

    @Test
    void readmeStatesTheLibrarysDefaults() throws IOException {
        String readme = read("README.md");
        VideoshopOptions d = VideoshopOptions.defaults();
        Matcher m = Pattern.compile("Defaults \\(`VideoshopOptions.defaults\\(\\)`\\): strength ([0-9.]+), (\\d+) steps,"
                + " seed (\\d+), (\\w+) inversion").matcher(readme);
        assertTrue(m.find(), "README's Defaults sentence");
        assertEquals(d.strength(), Double.parseDouble(m.group(1)));
        assertEquals(d.steps(), Integer.parseInt(m.group(2)));
        assertEquals(d.seed(), Long.parseLong(m.group(3)));
        assertEquals(d.inversionMode().name().toLowerCase(Locale.ROOT), m.group(4));

        Matcher flags = Pattern.compile("`--strength ([0-9.]+)`, `--steps (\\d+)`, `--seed (\\d+)`").matcher(readme);
        assertTrue(flags.find(), "README's edit flags");
        assertEquals(d.strength(), Double.parseDouble(flags.group(1)));
        assertEquals(d.steps(), Integer.parseInt(flags.group(2)));
        assertEquals(d.seed(), Long.parseLong(flags.group(3)));
    }

    @Test
    void docsStateTheTinyModelsRecommendations() throws IOException {
        ModelSpec tiny;
        try (VideoshopModel model = VideoshopModel.open("tiny")) {
            tiny = model.spec();
        }
        String sigma = plain(tiny.sigmaThreshold());
        String guidance = plain(tiny.guidanceMin()) + "," + plain(tiny.guidanceMax());
        String readme = read("README.md");
        String cli = read("docs/cli.md");
        assertTrue(readme.contains("`--sigma-threshold SIGMA` (default: the model's recommendation: " + sigma
                + " for `tiny`"), "README's --sigma-threshold: tiny recommends " + sigma);
        assertTrue(readme.contains("`tiny` model\n  recommends " + sigma + ")")
                || readme.contains("`tiny` model recommends " + sigma + ")"), "README's Defaults: Sigma " + sigma);
        assertTrue(readme.contains(guidance + " for `tiny`"), "README's --guidance: tiny recommends " + guidance);
        assertTrue(cli.contains(sigma + " for `tiny`"), "docs/cli.md's --sigma-threshold: " + sigma);
        assertTrue(cli.contains(guidance + " for `tiny`"), "docs/cli.md's --guidance: " + guidance);
        // the paper's Sigma is the default only for models that recommend none: no "default 1" for Sigma anywhere
        for (String doc : List.of(readme, cli)) {
            assertFalse(Pattern.compile("Sigma[^.]{0,40}\\(default 1[,)]").matcher(doc).find(),
                    "a doc says Sigma defaults to 1");
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Test
    void readmeJavaSnippetCompilesAsPrinted() throws IOException {
        String readme = read("README.md");
        String api = readme.substring(readme.indexOf("## The Java API"));
        int start = api.indexOf("```java\n") + "```java\n".length();
        String snippet = api.substring(start, api.indexOf("```", start));
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        assertTrue(imports.length() > 0, "README's snippet has its imports");
        // the snippet's free variables, as a reader would have them
        String source = imports + "class ReadmeSnippet {\n  static void run(List<BufferedImage> frames, BufferedImage"
                + " editedFirst, BufferedImage firstEditA, BufferedImage firstEditB, BufferedImage maskImage)"
                + " throws Exception {\n" + body + "  }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeSnippet.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Path out = Files.createTempDirectory("readme-snippet");
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null, List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none"), null, List.of(file)).call();
        assertTrue(ok, () -> diagnostics + "\n" + source);
    }
}
