package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Chinese and Japanese labels: a CJK font must be installed (fonts-noto-cjk), or legends are measured wrongly. */
class CjkTest {

    @Test
    void sansSerifCanDrawChineseAndJapanese() {
        Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (String s : List.of("损失 学习率", "損失 学習率 ミニバッチ")) {
            assertEquals(-1, f.canDisplayUpTo(s), "no CJK font for \"" + s + "\": install fonts-noto-cjk"
                    + " (./d2l setup does it as root)");
        }
    }

    @Test
    void cjkLabelsAreWrittenAsText() throws Exception {
        double[] x = {1, 2, 3};
        String svg = new Plot().series("训练损失", x, x).series("验证损失", x, new double[] {3, 2, 1})
                .legend(true).figure().svg();
        List<String> texts = SvgSupport.texts(SvgSupport.parse(svg));
        assertTrue(texts.contains("训练损失") && texts.contains("验证损失"), texts.toString());
    }
}
