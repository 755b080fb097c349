package org.autotune.cli;

import picocli.CommandLine.Command;

/** {@code autotune resume}: continues a campaign from its journal (after a crash, Ctrl-C or a spent budget). */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = {
        "Continue a campaign from its journal. Finished samples are never re-run; samples that were "
            + "running when it stopped are run again.",
        "Slots and seed are those the campaign started with (a different --seed is refused: start a "
            + "new campaign with --force-new).",
        "An edit of the campaign file that keeps what decides a sample's outcome (comments, budget, ranges, "
            + "optimizer settings, metric) continues the campaign as a new revision; one that changes it "
            + "(simulator, templates, seed, events, parameter names or kinds) is refused, naming the change."})
final class ResumeCommand extends CampaignRunCommand {
    @Override
    boolean mustExist() {
        return true;
    }
}
