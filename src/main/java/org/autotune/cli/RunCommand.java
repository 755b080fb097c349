package org.autotune.cli;

import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autotune run}: starts a campaign, or continues it when its folder already holds a journal. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Run a campaign until the optimizer converges or the budget is spent.",
        "Running it again continues from its journal: finished samples are never re-run. An edit of the "
            + "campaign file that keeps what decides a sample's outcome continues it as a new revision (see "
            + "'autotune resume --help')."})
final class RunCommand extends CampaignRunCommand {
    @Option(names = "--slots", paramLabel = "N", description = "samples run at once (overrides executor.slots)")
    Integer slotsOption;

    @Override
    boolean mustExist() {
        return false;
    }

    @Override
    OptionalInt slots() {
        return slotsOption == null ? OptionalInt.empty() : OptionalInt.of(slotsOption);
    }
}
