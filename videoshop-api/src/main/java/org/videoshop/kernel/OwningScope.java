package org.videoshop.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What every {@link LatentScope} shares besides its arithmetic: the tensors it created (each freed once, together,
 * when the scope closes), the check that an argument is one of them, the count of host transfers, and the closed
 * state (closing twice is harmless; use after close throws {@link IllegalStateException}). A backend extends it with
 * its tensor type and says how one is freed. Not thread-safe.
 *
 * @param <T> the backend's tensor type
 */
public abstract class OwningScope<T extends LatentTensor> implements LatentScope {

    private final Class<T> type;
    private final List<T> tensors = new ArrayList<>();
    private final Set<T> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private long transfers;
    private boolean closed;

    protected OwningScope(Class<T> type) {
        this.type = type;
    }

    /** Registers a tensor this scope just created; returns it. */
    protected final T own(T tensor) {
        ensureOpen();
        tensors.add(tensor);
        owned.add(tensor);
        return tensor;
    }

    /** The argument as one of this scope's tensors, or an {@link IllegalArgumentException} naming what it is. */
    protected final T tensor(LatentTensor t) {
        ensureOpen();
        if (!type.isInstance(t) || !owned.contains(type.cast(t))) {
            throw new IllegalArgumentException("Expected a tensor of this " + backend() + " scope but found "
                    + (t == null ? "null" : type.isInstance(t) ? "one of another scope" : t.getClass().getName()));
        }
        return type.cast(t);
    }

    /** Throws {@link IllegalStateException} once the scope is closed. */
    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Expected an open latent scope but found it closed");
        }
    }

    /** Counts one host transfer (an upload, {@code copyTo} or {@code copyFrom}). */
    protected void counted() {
        transfers++;
    }

    @Override
    public final long hostTransfers() {
        return transfers;
    }

    /** Frees one tensor of this scope (called once per tensor, on close). */
    protected abstract void free(T tensor);

    /** Frees what the scope holds besides its tensors (called once, on close, after the tensors). */
    protected void freeOther() {
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (T t : tensors) {
            free(t);
        }
        tensors.clear();
        owned.clear();
        freeOther();
    }
}
