package org.autotune.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.autotune.campaign.CampaignView;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of commands that read a campaign's journal: a campaign file or folder, and --dir. */
final class JournalArguments {
    @Parameters(index = "0", paramLabel = "CAMPAIGN",
        description = "the campaign file, its campaign folder, or the journal file")
    Path target;

    @Option(names = "--dir", paramLabel = "PATH", description = "the campaign folder, if not the default one")
    Path dir;

    CampaignView open() {
        return dir == null ? CampaignView.open(Targets.journalTarget(target), Optional.empty())
            : CampaignView.open(target, Optional.of(Targets.journalFolder(dir)));
    }
}
