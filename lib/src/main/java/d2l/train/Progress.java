package d2l.train;

import d2l.model.Model;

/**
 * Where a run stands, as listeners see it. Counts: {@link #epoch()} and {@link #step()} start at 1
 * (the book's loops print them so); {@link #updates()} is the number of updates already applied, so it
 * is 0 before the first one (the book's {@code num_update} / {@code scheduler(t)} argument).
 */
public final class Progress {
    final Model model;
    final int numEpochs;
    final int numExamples;
    final Timer timer;
    int epoch;
    int step;
    long updates;
    long examples;

    Progress(Model model, int numEpochs, int numExamples, Timer timer) {
        this.model = model;
        this.numEpochs = numEpochs;
        this.numExamples = numExamples;
        this.timer = timer;
    }

    public Model model() { return model; }

    /** The number of epochs the run was asked for. */
    public int numEpochs() { return numEpochs; }

    /** The current epoch, from 1; 0 before the first. */
    public int epoch() { return epoch; }

    /** The current minibatch within the epoch, from 1; 0 before the first batch of an epoch. */
    public int step() { return step; }

    /** Updates applied so far (during a batch event: before this batch's update). */
    public long updates() { return updates; }

    /** Examples seen so far, the current batch included. */
    public long examples() { return examples; }

    /** Training progress in epochs: examples seen / examples per epoch (0.1333… after 200 of 1500). */
    public double epochProgress() { return (double) examples / numExamples; }

    /** Training time so far in seconds (what the timer has recorded; evaluation is excluded). */
    public double seconds() { return timer.sum(); }

    @Override
    public String toString() {
        return "Progress[epoch " + epoch + "/" + numEpochs + ", step " + step + ", updates " + updates
                + ", examples " + examples + "]";
    }
}
