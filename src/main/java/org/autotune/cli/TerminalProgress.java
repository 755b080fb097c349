package org.autotune.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.autotune.campaign.Progress;

/** A live line on the terminal: samples done of the budget, running, failed, best score, ETA. */
final class TerminalProgress implements Progress {
    private ProgressBar bar;

    @Override
    public void update(Snapshot s) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("samples").setInitialMax(s.budget())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
        }
        bar.stepTo(s.spent());
        bar.setExtraMessage(LogProgress.describe(s));
    }

    @Override
    public void end(Snapshot s) {
        if (bar != null) {
            bar.stepTo(s.spent());
            bar.setExtraMessage(LogProgress.describe(s));
            bar.close();
        }
    }
}
