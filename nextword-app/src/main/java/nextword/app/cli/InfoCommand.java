package nextword.app.cli;

import java.util.concurrent.Callable;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import picocli.CommandLine.Command;

/** Prints what nextword runs on: Java, the kernels chosen, threads and memory. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the JVM, the kernels in use (Vector API or scalar), threads and memory.")
public final class InfoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Runtime rt = Runtime.getRuntime();
        System.out.println("java     " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("kernels  " + Kernels.ops().name());
        System.out.println("threads  " + Parallel.threads());
        System.out.printf("memory   %.1f GiB max heap%n", rt.maxMemory() / (1024.0 * 1024 * 1024));
        return 0;
    }
}
