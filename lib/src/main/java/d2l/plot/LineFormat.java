package d2l.plot;

import java.util.List;

/**
 * One line style in matplotlib's short format ({@code "-"}, {@code "m--"}, {@code "g-."}, {@code "r:"}),
 * the way the book passes {@code fmts} to {@code d2l.plot}.
 */
record LineFormat(String color, Dash dash) {

    /** The book's default {@code fmts=('-', 'm--', 'g-.', 'r:')}. */
    static final List<String> BOOK_FMTS = List.of("-", "m--", "g-.", "r:");

    /** matplotlib's default colour cycle (tab10), used when a format names no colour. */
    private static final String[] CYCLE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    enum Dash {
        SOLID("solid"), DASHED("dash"), DASH_DOT("dashdot"), DOTTED("dot");

        /** Plotly's name for the dash pattern. */
        final String plotly;

        Dash(String plotly) { this.plotly = plotly; }
    }

    /**
     * Format for series {@code index}: {@code fmts} cycles (the book stops after four; we keep going),
     * and series past the first cycle without a colour letter take the next colour of the cycle so
     * they stay distinguishable.
     */
    static LineFormat forSeries(List<String> fmts, int index) {
        return parse(fmts.get(index % fmts.size()), index);
    }

    static LineFormat parse(String fmt, int index) {
        if (fmt == null) {
            throw new IllegalArgumentException("fmts: format " + index + " is null; use e.g. \"-\", \"m--\", \"g-.\" or \"r:\"");
        }
        String color = null;
        String rest = fmt.strip();
        if (!rest.isEmpty() && "bgrcmykw".indexOf(rest.charAt(0)) >= 0) {
            color = letterColor(rest.charAt(0));
            rest = rest.substring(1);
        }
        Dash dash = switch (rest) {
            case "", "-" -> Dash.SOLID;
            case "--" -> Dash.DASHED;
            case "-." -> Dash.DASH_DOT;
            case ":" -> Dash.DOTTED;
            default -> throw new IllegalArgumentException("fmts: format \"" + fmt + "\" is not understood; use an optional"
                    + " colour letter (b g r c m y k w) followed by a line style (- -- -. :), e.g. \"m--\"");
        };
        return new LineFormat(color != null ? color : CYCLE[index % CYCLE.length], dash);
    }

    /** matplotlib's single-letter colours (its "base colors"). */
    private static String letterColor(char c) {
        return switch (c) {
            case 'b' -> "#0000ff";
            case 'g' -> "#008000";
            case 'r' -> "#ff0000";
            case 'c' -> "#00bfbf";
            case 'm' -> "#bf00bf";
            case 'y' -> "#bfbf00";
            case 'k' -> "#000000";
            case 'w' -> "#ffffff";
            default -> throw new AssertionError(c);
        };
    }
}
