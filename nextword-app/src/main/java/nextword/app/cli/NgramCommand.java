package nextword.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nextword ngram …}: the essay's first models, counts of letters and words. */
@Command(name = "ngram", mixinStandardHelpOptions = true,
        description = "N-gram models of letters, words or BPE tokens: count, train (ARPA), generate, eval, plot.",
        subcommands = {
                NgramCountCommand.class,
                NgramTrainCommand.class,
                NgramGenerateCommand.class,
                NgramEvalCommand.class,
                NgramPlotCommand.class,
        })
public final class NgramCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
