package nextword.app.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nextword.data.AtomicFile;

/** The demo's page: what was trained and how, the loss curve, samples, and the next-token tables. */
public final class DemoReport {

    public static final String FILE = "report.html";

    private DemoReport() {}

    /**
     * Writes dir/report.html. facts: label → value lines about the run; samples: step → text sampled
     * during training; continuations: the tables. The loss curve is dir/loss.png.
     */
    public static Path write(Path dir, String title, Map<String, String> facts, Map<Integer, String> samples,
                             List<Continuation> continuations) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 8px;text-align:left;vertical-align:top}")
                .append(".facts td:first-child{color:#666}.tok{font-family:monospace;white-space:pre;background:#f3f3f8;padding:0 3px}")
                .append(".bar{display:inline-block;height:10px;background:#5a78dc;margin-right:4px}.chosen{background:#ffe79a}")
                .append("pre{background:#f6f6f6;padding:.8em;white-space:pre-wrap}img{max-width:100%}")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p>A GPT learned, from nothing but the text below, to guess the next token. Here is what it ran on and how it did.</p>\n<table class=\"facts\">");
        facts.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>"));
        h.append("</table>\n<h2>Loss while training</h2>\n<p>Cross-entropy: how surprised the model is by the real next token, ")
                .append("in nats (uniform guessing over the vocabulary is the first value).</p>\n<img src=\"").append(LossChart.FILE).append("\" alt=\"loss curve\">\n");
        if (!samples.isEmpty()) {
            h.append("<h2>Samples during training</h2>\n");
            samples.forEach((step, text) -> h.append("<h3>step ").append(step).append("</h3><pre>").append(esc(text)).append("</pre>\n"));
        }
        for (Continuation c : continuations) table(h, c);
        h.append("</body></html>\n");
        Path file = dir.resolve(FILE);
        AtomicFile.write(file, o -> o.write(h.toString().getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static void table(StringBuilder h, Continuation c) {
        h.append("<h2>One token at a time, temperature ").append(fmt(c.temperature())).append("</h2>\n<p>")
                .append(c.temperature() == 0 ? "At temperature 0 the model always takes its likeliest token."
                        : "At this temperature the model draws each token at random, in proportion to (its probability)<sup>1/T</sup>.")
                .append(" Each row shows the five likeliest next tokens; the one taken is highlighted.</p>\n<pre>")
                .append(esc(c.prompt())).append("<b>").append(esc(c.text())).append("</b></pre>\n<table>");
        int i = 1;
        for (Continuation.Step s : c.steps()) {
            h.append("<tr><td>").append(i++).append("</td>");
            boolean shown = false;
            for (int j = 0; j < s.candidates().length; j++) {
                boolean chosen = s.candidates()[j].equals(s.chosen());
                shown |= chosen;
                cell(h, s.candidates()[j], s.probabilities()[j], chosen);
            }
            if (!shown) cell(h, s.chosen(), s.chosenProbability(), true);
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void cell(StringBuilder h, String token, float p, boolean chosen) {
        h.append("<td").append(chosen ? " class=\"chosen\"" : "").append("><span class=\"tok\">").append(esc(Continuation.visible(token)))
                .append("</span> <span class=\"bar\" style=\"width:").append(Math.round(60 * p)).append("px\"></span>")
                .append(String.format(Locale.ROOT, "%.1f%%", 100 * p)).append("</td>");
    }

    private static String fmt(float t) {
        return t == Math.rint(t) ? Integer.toString((int) t) : Float.toString(t);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
