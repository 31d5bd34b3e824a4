package org.videoshop.cli;

import java.io.PrintWriter;
import org.videoshop.EditCancelledException;
import org.videoshop.LibraryVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code videoshop} command line: {@code edit}, {@code invert}, {@code first-frame}, {@code demo} and
 * {@code info}. Exit status 0 on success, 1 when the work fails, 2 on a usage error, 130 when cancelled; every
 * failure prints one line on stderr (with the stack trace above it under {@code --verbose}).
 */
@Command(name = "videoshop", mixinStandardHelpOptions = true, versionProvider = VideoshopCli.Version.class,
        description = "Edits a video by propagating an edit of its first frame (Videoshop, ECCV 2024).",
        subcommands = {EditCommand.class, InvertCommand.class, FirstFrameCommand.class, DemoCommand.class,
                InfoCommand.class, EvaluateCommand.class, org.videoshop.cli.serve.ServeCommand.class,
                BatchCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class VideoshopCli implements Runnable {

    /** Exit status when the work itself failed (bad file, model error). */
    public static final int EXIT_FAILURE = 1;
    /** Exit status when the command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the edit was cancelled (Ctrl-C), as shells report SIGINT. */
    public static final int EXIT_CANCELLED = 130;

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits the JVM with its status. */
    public static void main(String[] args) {
        int status = execute(args);
        CancelOnShutdown.releasePending(); // a Ctrl-C'd command has printed its message: let the JVM exit
        System.exit(status);
    }

    /** Runs the command line in this JVM and returns its exit status (for tests and embedding). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** A configured command line, whose streams a caller may replace with {@code setOut}/{@code setErr}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VideoshopCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(VideoshopCli::onFailure);
        cl.setParameterExceptionHandler(VideoshopCli::onUsageError);
        giveVersionToSubcommands(cl, new Version());
        return cl;
    }

    /** {@code videoshop edit -V} prints the same version as {@code videoshop -V} (it printed nothing). */
    private static void giveVersionToSubcommands(CommandLine cl, CommandLine.IVersionProvider version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(version);
            giveVersionToSubcommands(sub, version);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Expected a command (edit, invert, first-frame, demo, info, evaluate, serve, batch) but found none");
    }

    private static int onFailure(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        }
        if (ex instanceof UsageException) {
            err.println(qualifiedName(cmd) + ": " + oneLine(ex) + " (see '" + qualifiedName(cmd) + " --help')");
            err.flush();
            return EXIT_USAGE;
        }
        err.println(qualifiedName(cmd) + ": " + oneLine(ex));
        err.flush();
        return ex instanceof EditCancelledException ? EXIT_CANCELLED : EXIT_FAILURE;
    }

    private static int onUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(qualifiedName(cmd) + ": " + oneLine(ex) + " (see '" + qualifiedName(cmd) + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    /** JavaCV's advice to programmers, appended to FFmpeg's errors; meaningless to a user of the command line. */
    private static final java.util.regex.Pattern JAVACV_ADVICE = java.util.regex.Pattern.compile(
            "\\s*\\((For more details, make sure FFmpegLogCallback\\.set\\(\\) has been called\\.|"
                    + "Has setFormat\\(\\) been called\\?)\\)");

    /** The exception's message on one line (without JavaCV's advice to programmers), or its type when it has none. */
    static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            Throwable cause = ex.getCause();
            return cause != null && cause != ex ? oneLine(cause) : ex.getClass().getSimpleName();
        }
        return JAVACV_ADVICE.matcher(msg).replaceAll("").strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The library's version and the Java runtime, for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"videoshop " + LibraryVersion.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
