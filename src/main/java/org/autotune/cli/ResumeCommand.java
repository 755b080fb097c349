package org.autotune.cli;

import picocli.CommandLine.Command;

/** {@code autotune resume}: continues a campaign from its journal (after a crash, Ctrl-C or a spent budget). */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = {
        "Continue a campaign from its journal. Finished samples are never re-run; samples that were "
            + "running when it stopped are run again.",
        "Slots and seed are those the campaign started with (a different --seed is refused: start a "
            + "new campaign with --force-new). Refuses a campaign file that changed since the campaign "
            + "started (unless --force-new)."})
final class ResumeCommand extends CampaignRunCommand {
    @Override
    boolean mustExist() {
        return true;
    }
}
