package nextword.lab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nextword.lab.plot.AtomicFile;

/** The one HTML page of `nextword lab all`: every experiment, its key numbers, and every figure beside its sentence. */
final class LabPage {

    private LabPage() {}

    static Path write(Path page, List<Lab.Run> runs, LabContext context) {
        Path root = page.toAbsolutePath().getParent();
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>nextword lab</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:1250px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\n")
                .append("figure{display:flex;gap:1.5em;align-items:center;margin:1.2em 0}\n")
                .append("figure img{max-width:760px;border:1px solid #ddd}\n")
                .append("figcaption{font-size:1.05em;line-height:1.45}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td{padding:.15em .8em;border-bottom:1px solid #eee}\n")
                .append("td.v{text-align:right;font-variant-numeric:tabular-nums}\n</style></head><body>\n")
                .append("<h1>nextword lab: the essay's neural nets, run for real</h1>\n")
                .append("<p>Each section below was computed by <code>nextword lab all")
                .append(context.quick() ? " --quick" : "").append(" --seed ").append(context.seed())
                .append("</code>: every picture is drawn from nets trained in that run.</p>\n");
        for (Lab.Run run : runs) {
            Experiment e = run.experiment();
            h.append("<h2 id=\"").append(e.name()).append("\">").append(escape(e.name())).append("</h2>\n<p>")
                    .append(escape(e.description())).append(String.format(" <small>(%.1f s)</small></p>%n", run.seconds()));
            h.append("<table>\n");
            for (Map.Entry<String, Double> n : run.result().numbers().entrySet()) {
                h.append("<tr><td>").append(escape(n.getKey())).append("</td><td class=\"v\">").append(format(n.getValue())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            for (Result.Figure f : run.result().figures()) {
                String src = root.relativize(f.file().toAbsolutePath()).toString().replace('\\', '/');
                h.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"").append(escape(f.caption()))
                        .append("\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure>\n");
            }
        }
        h.append("</body></html>\n");
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        return AtomicFile.write(page, os -> os.write(bytes));
    }

    /** Up to 4 significant digits; integers as integers. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format("%.4g", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
