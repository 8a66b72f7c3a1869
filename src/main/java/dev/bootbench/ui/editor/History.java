package dev.bootbench.ui.editor;

import java.util.ArrayDeque;
import java.util.Deque;

/** Undo and redo over immutable snapshots: each step remembers the value before it and what it did. */
public final class History<T> {
    public static final int LIMIT = 200;

    private record Step<T>(T value, String what) {}

    private final Deque<Step<T>> undo = new ArrayDeque<>();
    private final Deque<Step<T>> redo = new ArrayDeque<>();

    /** Records that {@code before} was replaced by an edit described as {@code what}; clears the redo steps. */
    public void push(T before, String what) {
        undo.push(new Step<>(before, what));
        if (undo.size() > LIMIT) undo.removeLast();
        redo.clear();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public String undoName() {
        return undo.isEmpty() ? null : undo.peek().what();
    }

    public String redoName() {
        return redo.isEmpty() ? null : redo.peek().what();
    }

    /** The value before the last edit; {@code current} becomes redoable. */
    public T undo(T current) {
        Step<T> s = undo.pop();
        redo.push(new Step<>(current, s.what()));
        return s.value();
    }

    public T redo(T current) {
        Step<T> s = redo.pop();
        undo.push(new Step<>(current, s.what()));
        return s.value();
    }

    public void clear() {
        undo.clear();
        redo.clear();
    }
}
