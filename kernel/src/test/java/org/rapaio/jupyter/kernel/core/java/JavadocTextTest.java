package org.rapaio.jupyter.kernel.core.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

    private static final String COMMENT = """
             Adam, {@code torch.optim.Adam}, see {@link d2l.optim.Optimizer#step(java.util.List) step}.

             <p>Update at step t:
             <pre>
               v ← β1 v + (1 − β1) g
                 x ← x − η v̂
             </pre>
             Uses {@code Map<String, Double>} and {@code {braces}} &amp; more.
             @param lr the learning rate, {@code > 0}
             @return this optimizer
             @throws IllegalArgumentException if <a href="x.html">lr</a> is not positive
            """;

    @Test
    void plainTextKeepsFormulaLinesAndNamesTheBlockTags() {
        String plain = JavadocText.toPlain(COMMENT);
        assertTrue(plain.startsWith("Adam, torch.optim.Adam, see step."), plain);
        assertTrue(plain.contains("\n\nUpdate at step t:\n"), plain);
        assertTrue(plain.contains("\n    v ← β1 v + (1 − β1) g\n      x ← x − η v̂"), plain);
        assertTrue(plain.contains("Uses Map<String, Double> and {braces} & more."), plain);
        assertTrue(plain.contains("Parameters:\n  lr - the learning rate, > 0"), plain);
        assertTrue(plain.contains("Returns:\n  this optimizer"), plain);
        assertTrue(plain.contains("Throws:\n  IllegalArgumentException - if lr is not positive"), plain);
        assertFalse(plain.contains("<"  + "p>") || plain.contains("{@"), plain);
    }

    @Test
    void htmlEscapesCodeAndDropsLinksIntoMissingDocs() {
        String html = JavadocText.toHtml(COMMENT);
        assertTrue(html.contains("<code>Map&lt;String, Double&gt;</code>"), html);
        assertTrue(html.contains("<code>{braces}</code>"), html);
        assertTrue(html.contains("<code>step</code>"), html);
        assertTrue(html.contains("<pre>"), html);
        assertTrue(html.contains("<dt><b>Parameters:</b></dt><dd><code>lr</code> &ndash; the learning rate, <code>&gt; 0</code></dd>"), html);
        assertFalse(html.contains("<a "), html);
    }

    @Test
    void aCommentWithoutTagsIsItsText() {
        assertEquals("Sets β1 and β2.", JavadocText.toPlain(" Sets β1 and β2. "));
    }
}
