package dev.bootbench.ui.editor;

import dev.bootbench.menu.Finding;
import dev.bootbench.menu.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A script or config in a {@link CodeArea}: line numbers, syntax highlighting from {@link Highlighter}, findings
 * underlined (style classes {@code finding-error}, {@code finding-warning}, {@code finding-info}) with their
 * messages in a popup under the mouse.
 */
public final class CodeView {
    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(area);
    private final Function<String, List<Highlighter.Span>> lexer;
    private final Popup popup = new Popup();
    private final Label popupLabel = new Label();
    private List<Finding> findings = List.of();
    private boolean settingText;
    private Consumer<String> onEdit = t -> {};

    public CodeView(String id, Function<String, List<Highlighter.Span>> lexer) {
        this.lexer = lexer;
        area.setId(id);
        area.getStyleClass().add("code-view");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setEditable(false);
        area.setWrapText(false);
        area.textProperty().addListener((o, a, t) -> {
            restyle();
            if (!settingText && area.isEditable()) onEdit.accept(t);
        });
        popupLabel.getStyleClass().add("code-tooltip");
        popup.getContent().add(popupLabel);
        area.setMouseOverTextDelay(Duration.ofMillis(350));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            String msg = messagesAt(e.getCharacterIndex());
            if (msg.isEmpty()) return;
            popupLabel.setText(msg);
            popup.show(area, e.getScreenPosition().getX() + 8, e.getScreenPosition().getY() + 14);
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> popup.hide());
    }

    public Node node() {
        return pane;
    }

    public CodeArea area() {
        return area;
    }

    /** Called with the new text after each edit by the user (only while editable). */
    public void setOnEdit(Consumer<String> c) {
        onEdit = c;
    }

    public void setEditable(boolean on) {
        area.setEditable(on);
        if (on) area.getStyleClass().add("editing");
        else area.getStyleClass().remove("editing");
    }

    /** Replaces the text without reporting an edit; keeps the caret line when it can. */
    public void setText(String text) {
        if (text == null) text = "";
        if (text.equals(area.getText())) return;
        int line = area.getCurrentParagraph();
        settingText = true;
        try {
            area.replaceText(text);
        } finally {
            settingText = false;
        }
        int l = Math.min(line, area.getParagraphs().size() - 1);
        area.moveTo(Math.max(0, l), 0);
        area.showParagraphAtTop(Math.max(0, l - 3));
    }

    public String text() {
        return area.getText();
    }

    public void setFindings(List<Finding> fs) {
        findings = List.copyOf(fs);
        restyle();
    }

    /** Moves the caret to a line (1-based) and shows it. */
    public void reveal(int line) {
        int p = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
        area.moveTo(p, 0);
        area.selectRange(p, 0, p, area.getParagraphLength(p));
        area.showParagraphAtCenter(p);
        area.requestFocus();
    }

    /** The findings' ranges: from their column to the end of that word, or the whole line for column 0. */
    List<int[]> ranges(String text) {
        List<int[]> out = new ArrayList<>();
        int[] starts = lineStarts(text);
        for (Finding f : findings) {
            if (f.line() <= 0 || f.line() > starts.length) {
                out.add(null);
                continue;
            }
            int ls = starts[f.line() - 1];
            int le = text.indexOf('\n', ls);
            if (le < 0) le = text.length();
            int s = f.column() > 0 ? Math.min(le, ls + f.column() - 1) : ls;
            int e = s;
            if (f.column() > 0) while (e < le && !Character.isWhitespace(text.charAt(e))) e++;
            if (e == s) {
                s = ls;
                e = le;
            }
            while (s < e && Character.isWhitespace(text.charAt(s))) s++;
            out.add(s < e ? new int[] {s, e} : null);
        }
        return out;
    }

    static int[] lineStarts(String text) {
        List<Integer> s = new ArrayList<>();
        s.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') s.add(i + 1);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private String messagesAt(int index) {
        List<int[]> r = ranges(area.getText());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < findings.size(); i++) {
            int[] x = r.get(i);
            if (x != null && index >= x[0] && index < x[1]) {
                if (sb.length() > 0) sb.append('\n');
                sb.append(findings.get(i).severity().label()).append(": ").append(findings.get(i).message());
            }
        }
        return sb.toString();
    }

    private void restyle() {
        String text = area.getText();
        if (text.isEmpty()) return;
        StyleSpans<Collection<String>> spans = spans(text.length(), lexer.apply(text));
        List<int[]> r = ranges(text);
        List<Highlighter.Span> marks = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (r.get(i) == null) continue;
            Severity s = findings.get(i).severity();
            marks.add(new Highlighter.Span(r.get(i)[0], r.get(i)[1], "finding-" + s.label()));
        }
        marks.sort(java.util.Comparator.comparingInt(Highlighter.Span::start));
        List<Highlighter.Span> flat = new ArrayList<>();
        int end = 0;
        for (Highlighter.Span m : marks) {
            // overlapping marks: the first one wins (spans must not overlap)
            int s = Math.max(m.start(), end);
            if (s < m.end()) {
                flat.add(new Highlighter.Span(s, m.end(), m.style()));
                end = m.end();
            }
        }
        if (!flat.isEmpty()) {
            spans = spans.overlay(spans(text.length(), flat), (a, b) -> {
                if (b.isEmpty()) return a;
                List<String> u = new ArrayList<>(a);
                u.addAll(b);
                return u;
            });
        }
        area.setStyleSpans(0, spans);
    }

    /** Style spans covering {@code length} characters from sorted, non-overlapping spans. */
    static StyleSpans<Collection<String>> spans(int length, List<Highlighter.Span> list) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        for (Highlighter.Span s : list) {
            int start = Math.max(s.start(), at), end = Math.min(s.end(), length);
            if (end <= start) continue;
            if (start > at) b.add(Collections.emptyList(), start - at);
            b.add(Collections.singletonList(s.style()), end - start);
            at = end;
        }
        b.add(Collections.emptyList(), Math.max(0, length - at));
        return b.create();
    }
}
