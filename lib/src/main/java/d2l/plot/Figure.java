package d2l.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered line chart that no longer changes: a static SVG plus an HTML fragment that upgrades to
 * an interactive Plotly chart when plotly.js can be loaded. Made by {@link Plot#figure()} and
 * {@link Animator#figure()}.
 *
 * <p>Static renderer: JFreeChart's XY line chart drawn on JFreeSVG's {@code SVGGraphics2D}. We chose it
 * because both libraries are actively maintained, produce true vector output straight into a
 * {@code String} (no files, no browser, no native code, works headless), and JFreeChart already has
 * what the book's figures need: log axes, dashed strokes, legends, axis labels. The SVG shows without
 * JavaScript and without network, so it survives notebooks that are reopened or untrusted (where
 * output scripts do not run) and pages rendered offline.
 *
 * <p>Interactive view: tablesaw-jsplot builds the Plotly figure (traces in line mode, layout, axes);
 * {@link #html()} embeds its script behind a loader that works both in JupyterLab and in the classic
 * Notebook (RequireJS). If plotly.js cannot be fetched, the SVG simply stays.
 */
public final class Figure {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** The id prefix used while rendering, replaced by one derived from the content. */
    static final String DRAFT_PREFIX = "d2l_fig_draft-";

    private final ChartSpec spec;
    private final String idPrefix;
    private final String svg;
    private final SvgRenderer.Corner legendCorner;
    private final int widthPx;
    private final String description;
    private int htmlCalls;

    Figure(ChartSpec spec) {
        this(spec, SvgRenderer.render(spec, DRAFT_PREFIX), spec.widthPx(), null);
    }

    private Figure(ChartSpec spec, SvgRenderer.Result r, int widthPx, String description) {
        this.spec = spec;
        // Ids from the content: re-running an unchanged notebook stores the same SVG, and two different
        // figures in one page do not share ids (the same figure twice shares identical definitions).
        String compact = SvgCompact.compact(r.svg(), widthPx, heightPx(r.svg()));
        String id = contentId(compact);
        this.idPrefix = id + "-";
        this.svg = compact.replace(DRAFT_PREFIX, idPrefix);
        this.legendCorner = r.legendCorner();
        this.widthPx = widthPx;
        this.description = description;
    }

    /** A figure drawn by another renderer (subplots, 3-D surfaces) from SVG whose ids start with {@link #DRAFT_PREFIX}. */
    static Figure ofSvg(String draftSvg, int widthPx, String description) {
        return new Figure(null, new SvgRenderer.Result(draftSvg, SvgRenderer.Corner.UPPER_RIGHT), widthPx, description);
    }

    private static int heightPx(String svg) {
        Matcher m = Pattern.compile("height='(\\d+)'").matcher(svg);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** {@code d2l_fig_} and 16 hex digits of the SHA-256 of the text: a valid JavaScript identifier. */
    static String contentId(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return "d2l_fig_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The static chart as a standalone {@code <svg>} element (UTF-8 text, with xmlns and viewBox). */
    public String svg() {
        return svg;
    }

    /**
     * The figure as one {@code <img>} whose source is the SVG itself ({@code data:image/svg+xml;base64}):
     * what notebooks store. Unlike an {@code image/svg+xml} output or inline SVG, an image survives the
     * HTML sanitizer of untrusted notebooks (classic Notebook and JupyterLab show it, where they drop
     * SVG outputs and strip inline SVG), and GitHub shows it too; the picture stays a vector.
     */
    public String imgHtml() {
        String data = java.util.Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        return "<img src=\"data:image/svg+xml;base64," + data + "\" width=\"" + widthPx + "\" alt=\""
                + escape(toString()).replace("\"", "&quot;") + "\">";
    }

    /**
     * One self-contained HTML fragment: the inline SVG (visible at once, also offline and when scripts
     * do not run) and a script that loads plotly.js from the CDN tablesaw-jsplot uses, draws the
     * interactive chart and then hides the SVG. With RequireJS present (classic Notebook) plotly is
     * loaded as an AMD module, otherwise through a {@code <script src>} tag and {@code window.Plotly}
     * (JupyterLab, plain pages). Every call uses new element ids, so the same figure can be shown
     * twice in one page.
     */
    public String html() {
        String id = idPrefix.substring(0, idPrefix.length() - 1) + (htmlCalls++ == 0 ? "" : "_" + htmlCalls);
        String svgHere = inline(svg.replace(idPrefix, id + "-"), id + "-svg");
        if (spec == null) {
            return "<div id=\"" + id + "\" class=\"d2l-figure\" style=\"width:" + widthPx + "px;max-width:100%\">"
                    + svgHere + "</div>\n";
        }
        String plotDiv = id + "_plotly"; // tablesaw names a JS variable after it: no hyphens
        String figureJs = PlotlyRenderer.figureJs(spec, plotDiv).replace("</", "<\\/");
        String amdPath = PlotlyRenderer.PLOTLY_URL.substring(0, PlotlyRenderer.PLOTLY_URL.length() - ".js".length());
        String legend = switch (legendCorner) {
            case UPPER_RIGHT -> "{x: 0.98, xanchor: 'right', y: 0.98, yanchor: 'top'}";
            case OUTSIDE -> "{x: 1.02, xanchor: 'left', y: 1, yanchor: 'top'}";
            case UPPER_LEFT -> "{x: 0.02, xanchor: 'left', y: 0.98, yanchor: 'top'}";
            case LOWER_LEFT -> "{x: 0.02, xanchor: 'left', y: 0.02, yanchor: 'bottom'}";
            case LOWER_RIGHT -> "{x: 0.98, xanchor: 'right', y: 0.02, yanchor: 'bottom'}";
        };
        String template = """
                <div id="{{id}}" class="d2l-figure" style="width:{{width}}px;max-width:100%">
                <div id="{{id}}-static">{{svg}}</div>
                <div id="{{plotDiv}}" style="display:none"></div>
                </div>
                <script type="text/javascript">
                (function () {
                  var staticView = document.getElementById('{{id}}-static');
                  var plotDiv = document.getElementById('{{plotDiv}}');
                  if (!staticView || !plotDiv) { return; }
                  function draw(Plotly) {
                    if (!Plotly || typeof Plotly.newPlot !== 'function') { return; }
                    // The tablesaw-jsplot script below calls Plotly.newPlot; this wrapper finishes the
                    // layout and swaps the static SVG for the interactive chart once it is drawn.
                    var wrapper = {
                      newPlot: function (div, data, layout) {
                        layout.legend = Object.assign({bgcolor: 'rgba(255,255,255,0.8)', bordercolor: '#cccccc', borderwidth: 1}, {{legend}});
                        ['xaxis', 'yaxis'].forEach(function (k) {
                          var a = layout[k];
                          if (a && a.range) { a.range = a.range.map(Number); a.autorange = false; }
                          else if (a) { delete a.autorange; }
                          if (a) { a.mirror = true; a.ticks = 'outside'; }
                        });
                        div.style.display = '';
                        return Promise.resolve(Plotly.newPlot(div, data, layout, {displaylogo: false}))
                          .then(function () { staticView.style.display = 'none'; },
                                function () { div.style.display = 'none'; });
                      }
                    };
                    try {
                      (function (Plotly) {
                {{figureJs}}
                      })(wrapper);
                    } catch (e) {
                      plotDiv.style.display = 'none';
                      staticView.style.display = '';
                    }
                  }
                  if (window.Plotly && typeof window.Plotly.newPlot === 'function') {
                    draw(window.Plotly);
                  } else if (typeof window.requirejs === 'function' && typeof window.requirejs.config === 'function') {
                    // Classic Notebook: plotly's UMD bundle registers as an AMD module and leaves
                    // window.Plotly unset, so load it through RequireJS.
                    window.requirejs.config({paths: {plotly: '{{amdPath}}'}});
                    window.requirejs(['plotly'], draw, function () {
                      try { window.requirejs.undef('plotly'); } catch (e) { /* keep the SVG */ }
                    });
                  } else {
                    // JupyterLab and plain pages: one shared <script src> load for all figures.
                    if (!window.d2lPlotlyLoad) {
                      window.d2lPlotlyLoad = new Promise(function (resolve, reject) {
                        var s = document.createElement('script');
                        s.src = '{{url}}';
                        s.async = true;
                        s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error('plotly.js did not define Plotly')); };
                        s.onerror = function () { reject(new Error('plotly.js could not be loaded')); };
                        document.head.appendChild(s);
                      });
                      window.d2lPlotlyLoad.catch(function () { window.d2lPlotlyLoad = null; });
                    }
                    window.d2lPlotlyLoad.then(draw, function () { /* offline: the SVG stays */ });
                  }
                })();
                </script>
                """;
        return fill(template, Map.of(
                "id", id,
                "svg", svgHere,
                "plotDiv", plotDiv,
                "figureJs", figureJs,
                "legend", legend,
                "amdPath", amdPath,
                "url", PlotlyRenderer.PLOTLY_URL,
                "width", Integer.toString(spec.widthPx())));
    }

    private static final Pattern STYLE_BLOCK = Pattern.compile("<style>([^<]*)</style>");
    private static final Pattern CLASS_RULE = Pattern.compile("(^|})\\.([a-z][a-z0-9]*)\\{");

    /**
     * The SVG ready to sit inline in a page: its class rules ({@code .a{...}}, see {@link SvgCompact})
     * are scoped to the SVG's id, since inline they would otherwise apply to the whole page.
     */
    static String inline(String svg, String svgId) {
        Matcher m = STYLE_BLOCK.matcher(svg);
        if (!m.find()) {
            return svg;
        }
        String scoped = CLASS_RULE.matcher(m.group(1)).replaceAll("$1#" + svgId + " .$2{");
        return svg.substring(0, m.start(1)) + scoped + svg.substring(m.end(1));
    }

    /**
     * Writes the figure to {@code path}: {@code .svg} gets {@link #svg()}, {@code .html}/{@code .htm} a
     * complete page around {@link #html()}. Missing parent folders are created.
     *
     * @throws IllegalArgumentException for any other file extension
     * @throws UncheckedIOException if the file cannot be written
     */
    public void save(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("save(path): path is null; pass e.g. Path.of(\"loss.svg\")");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        if (name.endsWith(".svg")) {
            text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n";
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            text = page();
        } else {
            throw new IllegalArgumentException("save(" + path + "): unknown file type; use a name ending in .svg or .html");
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write figure to " + path, e);
        }
    }

    /** A complete HTML page around {@link #html()}. */
    String page() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<title>"
                + escape(title()) + "</title>\n</head>\n<body>\n" + html() + "</body>\n</html>\n";
    }

    /** Short description, e.g. {@code Figure[350x250 px; x: epoch; y: loss (log); 2 series: train (10 points), test (10 points)]}. */
    @Override
    public String toString() {
        if (spec == null) {
            return description;
        }
        StringJoiner series = new StringJoiner(", ");
        int count = 0;
        int levels = 0;
        for (ChartSpec.Series s : spec.series()) {
            if (s.kind() == ChartSpec.Kind.CONTOUR) {
                levels += Double.isNaN(s.level()) ? 0 : 1;
                continue;
            }
            count++;
            series.add(s.name() + " (" + s.size() + (s.size() == 1 ? " point" : " points")
                    + (s.kind() == ChartSpec.Kind.MARKERS ? ", markers)" : ")"));
        }
        int notes = spec.annotations().size();
        return "Figure[" + spec.widthPx() + "x" + spec.heightPx() + " px"
                + axisText("x", spec.xlabel(), spec.xlog()) + axisText("y", spec.ylabel(), spec.ylog())
                + "; " + count + " series" + (count == 0 ? "" : ": " + series)
                + (levels > 0 ? "; contour: " + levels + (levels == 1 ? " level" : " levels") : "")
                + (notes > 0 ? "; " + notes + (notes == 1 ? " annotation" : " annotations") : "")
                + (spec.notes().isEmpty() ? "" : "; " + String.join("; ", spec.notes())) + "]";
    }

    /** The text/plain view in notebooks. */
    String plainText() {
        return toString();
    }

    private String title() {
        if (spec == null) {
            return "d2l figure";
        }
        if (!spec.ylabel().isEmpty() || !spec.xlabel().isEmpty()) {
            return (spec.ylabel() + " vs " + spec.xlabel()).strip();
        }
        return "d2l figure";
    }

    private static String axisText(String axis, String label, boolean log) {
        if (label.isEmpty() && !log) {
            return "";
        }
        return "; " + axis + ": " + (label.isEmpty() ? "(no label)" : label) + (log ? " (log)" : "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Substitutes {@code {{name}}} in one pass, so inserted text (labels, data) is never rescanned. */
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder(template.length() + 4096);
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no value for placeholder " + m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

}
