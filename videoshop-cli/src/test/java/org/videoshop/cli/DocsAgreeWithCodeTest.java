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
    void cliReferenceHasARowForEveryFlagOfEdit() throws IOException {
        String cli = read("docs/cli.md");
        String table = cli.substring(cli.indexOf("### `videoshop edit`"), cli.indexOf("Frames of any size"));
        CommandLine edit = VideoshopCli.commandLine().getSubcommands().get("edit");
        List<String> missing = new ArrayList<>();
        for (OptionSpec o : edit.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp() && !Pattern.compile("(?m)^\\| [^|]*`(?:-\\w, )?"
                    + Pattern.quote(o.longestName()) + "[ `]").matcher(table).find()) {
                missing.add(o.longestName());
            }
        }
        assertEquals(List.of(), missing, "edit's flags without a row in docs/cli.md's edit table");
    }

    /** docs/cli.md's table row of {@code flag} in the section headed {@code heading}, or null. */
    private static String tableRow(String heading, String flag) throws IOException {
        String cli = read("docs/cli.md");
        int start = cli.indexOf(heading);
        assertTrue(start >= 0, "docs/cli.md has a section " + heading);
        int end = cli.indexOf("\n### ", start + heading.length());
        Matcher m = Pattern.compile("(?m)^\\| `" + Pattern.quote(flag) + "[ `].*$")
                .matcher(cli.substring(start, end < 0 ? cli.length() : end));
        return m.find() ? m.group() : null;
    }

    @Test
    void cliReferenceStatesEveryDefaultOfServe() throws IOException {
        CommandLine serve = VideoshopCli.commandLine().getSubcommands().get("serve");
        List<String> checked = new ArrayList<>();
        for (OptionSpec o : serve.getCommandSpec().options()) {
            // serve's own flags; the edit flags it shares are stated once, in edit's table
            if (o.defaultValue() == null || !(o.userObject() instanceof java.lang.reflect.Field f)
                    || f.getDeclaringClass() != org.videoshop.cli.serve.ServeCommand.class) {
                continue;
            }
            String row = tableRow("### `videoshop serve`", o.longestName());
            assertTrue(row != null, "docs/cli.md's serve table has no row for " + o.longestName());
            assertTrue(row.contains("(" + o.defaultValue() + ")") || row.contains("(" + o.defaultValue() + ";")
                    || row.contains("(" + o.defaultValue() + ":"), "docs/cli.md's default of serve "
                    + o.longestName() + " (code: " + o.defaultValue() + "): " + row);
            checked.add(o.longestName());
        }
        assertTrue(checked.containsAll(List.of("--port", "--host", "--max-upload-mb", "--max-frames", "--max-side",
                "--session-minutes", "--max-queued")), "checked " + checked);
    }

    @Test
    void cliReferenceStatesTheDefaultsOfBatch() throws IOException {
        CommandLine batch = VideoshopCli.commandLine().getSubcommands().get("batch");
        String cli = read("docs/cli.md");
        String section = cli.substring(cli.indexOf("### `videoshop batch`"), cli.indexOf("### `videoshop serve`"));
        assertTrue(section.contains("default " + batch.getCommandSpec().findOption("--format").defaultValue() + ";"),
                "docs/cli.md's default of batch --format");
        assertTrue(section.contains("(default `" + batch.getCommandSpec().findOption("--master").defaultValue()
                + "`"), "docs/cli.md's default of batch --master");
    }

    /** Every default picocli knows is in the option's own {@code --help} text, for every command. */
    @Test
    void helpStatesEveryDefault() {
        List<String> checked = new ArrayList<>();
        for (CommandLine command : VideoshopCli.commandLine().getSubcommands().values()) {
            for (OptionSpec o : command.getCommandSpec().options()) {
                if (o.defaultValue() == null || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String help = String.join(" ", o.description());
                assertTrue(help.contains(o.defaultValue()), command.getCommandName() + " " + o.longestName()
                        + "'s help does not state its default " + o.defaultValue() + ": " + help);
                checked.add(command.getCommandName() + " " + o.longestName());
            }
        }
        assertTrue(checked.containsAll(List.of("edit --strength", "serve --port", "batch --master",
                "invert --overlap")), "checked " + checked);
    }

    @Test
    void docsHoldNoMergeConflictMarkers() throws IOException {
        for (String doc : List.of("README.md", "CHANGELOG.md", "docs/cli.md", "docs/spark.md", "docs/models.md")) {
            if (Files.exists(ROOT.resolve(doc))) {
                assertFalse(Pattern.compile("(?m)^(<{7}|>{7}|={7})( |$)").matcher(read(doc)).find(),
                        doc + " holds a merge conflict marker");
            }
        }
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

        String flags = readme.substring(readme.indexOf("`edit` flags:"));
        assertEquals(d.strength(), Double.parseDouble(flag(flags, "--strength", "[0-9.]+")));
        assertEquals(d.steps(), Integer.parseInt(flag(flags, "--steps", "\\d+")));
        assertEquals(d.seed(), Long.parseLong(flag(flags, "--seed", "\\d+")));
        assertEquals(d.sigmaSpacing(), flag(flags, "--sigma-spacing", "[a-z]+"),
                "README's first --sigma-spacing value is the default");
    }

    /** The value README's edit-flags sentence gives {@code flag}: "`--steps 25`". */
    private static String flag(String text, String flag, String value) {
        Matcher m = Pattern.compile("`" + Pattern.quote(flag) + " (" + value + ")").matcher(text);
        assertTrue(m.find(), "README's edit flags state " + flag);
        return m.group(1);
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
        assertTrue(cli.contains("native frame count, " + tiny.nativeFrames() + " for `tiny`"),
                "docs/cli.md's --window: tiny's native frame count is " + tiny.nativeFrames());
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
