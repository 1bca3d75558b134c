package nextword.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A command line run in process, as a user would type it, with what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
