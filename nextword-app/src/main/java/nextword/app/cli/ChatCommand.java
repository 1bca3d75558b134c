package nextword.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.infer.Chat;
import nextword.infer.Generation;
import nextword.infer.LanguageModel;
import nextword.infer.TokenListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A conversation in the terminal: each line is a message, each reply streams back; the history is kept. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Talk to a model: a REPL that keeps the history and slides the window when the context is full (/reset, /quit).")
public final class ChatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GenerationFlags flags;

    @Option(names = "--system", paramLabel = "TEXT",
            defaultValue = "A conversation between a curious user and a helpful, knowledgeable assistant.",
            description = "Text at the top of the transcript the model continues.")
    String system;

    /** Where messages come from (tests give their own). */
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LanguageModel m = flags.model.load()) {
            err.println("nextword: " + m.describe());
            err.println("nextword: one message per line; /reset forgets the conversation, /quit (or end of input) leaves");
            err.flush();
            Chat chat = new Chat(m.newSession(), flags.options(0), system.isEmpty() ? "" : system + "\n\n");
            TokenListener stream = GenerationFlags.printing(out);
            while (true) {
                out.print("> ");
                out.flush();
                String line = input.readLine();
                if (line == null || line.strip().equals("/quit")) break;
                if (line.isBlank()) continue;
                if (line.strip().equals("/reset")) {
                    chat.reset();
                    err.println("nextword: conversation forgotten");
                    err.flush();
                    continue;
                }
                int forgotten = chat.forgotten();
                Generation g = chat.reply(line, stream);
                out.println();
                if (chat.forgotten() > forgotten) err.printf("nextword: the context was full; the oldest %d exchange(s) slid out%n", chat.forgotten());
                err.printf(Locale.ROOT, "nextword: %d tokens at %.1f tok/s (%s)%n", g.tokens().size(), g.tokensPerSecond(),
                        g.finish().name().toLowerCase(Locale.ROOT));
                err.flush();
            }
            out.println();
            out.flush();
        }
        return 0;
    }
}
