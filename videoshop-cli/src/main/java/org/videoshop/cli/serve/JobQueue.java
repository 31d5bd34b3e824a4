package org.videoshop.cli.serve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs jobs one at a time, in the order they came, on one worker thread (the editor's model is shared by all
 * sessions). Tells each waiting job how many are ahead of it. Cancelling a waiting job takes it out of the line;
 * cancelling the running one stops it within one step, which frees the worker for the next.
 */
final class JobQueue implements AutoCloseable {

    private final Deque<Job> waiting = new ArrayDeque<>();
    private final int capacity;
    private final Consumer<Job> runner;
    private final Thread worker;
    private Job running;
    private boolean closed;

    /** {@code runner} runs one job to its end (done, failed or cancelled) on the worker thread. */
    JobQueue(int capacity, Consumer<Job> runner) {
        this.capacity = capacity;
        this.runner = runner;
        this.worker = new Thread(this::work, "videoshop-serve-worker");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Puts the job in line; 429 when the line is full. */
    synchronized void submit(Job job) {
        if (closed) {
            throw new HttpError(503, "Expected a running server but found it shutting down");
        }
        int pending = pending();
        if (pending >= capacity) {
            throw HttpError.tooMany("Expected fewer than " + capacity + " jobs waiting or running but found "
                    + pending + "; wait for one to finish or cancel one");
        }
        waiting.addLast(job);
        renumber();
        notifyAll();
    }

    /** Cancels the job: out of the line when waiting, stopped at its next step when running. */
    void cancel(Job job, String why) {
        job.token().cancel();
        boolean removed;
        synchronized (this) {
            removed = waiting.remove(job);
            if (removed) {
                renumber();
            }
        }
        if (removed) {
            job.cancelled(why);
        }
    }

    /** Jobs waiting or running (a job that has just finished no longer counts while the worker lets it go). */
    synchronized int pending() {
        return waiting.size() + (running == null || running.state().finished() ? 0 : 1);
    }

    private void renumber() {
        int ahead = running == null ? 0 : 1;
        for (Job j : waiting) {
            j.queued(ahead++);
        }
    }

    private void work() {
        while (true) {
            Job next;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = waiting.pollFirst();
                running = next;
                renumber();
            }
            try {
                runner.accept(next);
            } catch (RuntimeException | Error e) {
                next.failed("Expected the edit to finish but it failed: " + e);
            } finally {
                synchronized (this) {
                    running = null;
                    renumber();
                }
            }
        }
    }

    /** Cancels every job, waits up to 20 s for the running one to stop, and stops the worker. */
    @Override
    public void close() {
        List<Job> dropped;
        Job current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(waiting);
            waiting.clear();
            current = running;
            notifyAll();
        }
        for (Job j : dropped) {
            j.token().cancel();
            j.cancelled("the server shut down");
        }
        if (current != null) {
            current.token().cancel();
        }
        try {
            worker.join(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
