package nextword.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The speed measurements, one subcommand per workload. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed (see docs/PERFORMANCE.md for the numbers and the peers).",
        subcommands = {BenchTrainCommand.class, BenchGenerateCommand.class, BenchServeCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
