package nextword.app;

import nextword.app.cli.BenchCommand;
import nextword.app.cli.ChatCommand;
import nextword.app.cli.DemoCommand;
import nextword.app.cli.EmbedCommand;
import nextword.app.cli.GenerateCommand;
import nextword.app.cli.InfoCommand;
import nextword.app.cli.InspectCommand;
import nextword.app.cli.LabCommand;
import nextword.app.cli.TrainCommand;
import nextword.app.cli.NgramCommand;
import nextword.app.cli.PrepareCommand;
import nextword.app.cli.QuantizeCommand;
import nextword.app.cli.ScoreCommand;
import nextword.app.cli.ServeCommand;
import nextword.app.cli.TokenizeCommand;
import nextword.app.cli.TokenizerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nextword} command: one subcommand per job, errors as one line on stderr, exit 0 / 1 / 2. */
@Command(name = "nextword",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Build, train, run and explain GPT-style language models, from first principles.",
        subcommands = {
                DemoCommand.class,
                InfoCommand.class,
                BenchCommand.class,
                TrainCommand.class,
                NgramCommand.class,
                TokenizeCommand.class,
                TokenizerCommand.class,
                PrepareCommand.class,
                EmbedCommand.class,
                InspectCommand.class,
                LabCommand.class,
                GenerateCommand.class,
                ChatCommand.class,
                ScoreCommand.class,
                QuantizeCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code for a job that failed (bad file, diverged training…). */
    public static final int FAILED = 1;
    /** Exit code for a command line that makes no sense. */
    public static final int BAD_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("nextword: " + Errors.oneLine(e));
            if (System.getenv("NEXTWORD_DEBUG") != null) e.printStackTrace(commandLine.getErr());
            return e instanceof IllegalArgumentException ? BAD_USAGE : FAILED;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("nextword: " + e.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return BAD_USAGE;
        });
        return cl;
    }

    /** Reports the version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nextword " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
