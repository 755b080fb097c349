package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small, valid campaigns (template, reference data, campaign file) into a folder for tests. */
final class CampaignFiles {
    static final String TEMPLATE = """
        /det/gain {{gain}}
        /det/noise {{noise}}
        /run/events {{events}}
        /random/setSeeds {{seed}}
        """;

    static final String CAMPAIGN = """
        name: test
        parameters:
          gain:
            kind: real
            min: 0.5
            max: 2.0
            start: 1.0
          noise:
            kind: log
            min: 0.01
            max: 1.0
        simulator:
          templates: [sim.mac.template]
          command: [sh, "{{campaign_dir}}/sim.sh", sim.mac]
          outputs: [events.csv]
        metric:
          type: mean-std
          output: events.csv
          reference: reference.csv
          columns: [amplitude]
        budget: 20
        events: 100
        """;

    private CampaignFiles() {
    }

    /** Writes the campaign (with {@code yaml} as its file text) and its inputs; returns the file. */
    static Path write(Path dir, String yaml) {
        try {
            Files.writeString(dir.resolve("sim.mac.template"), TEMPLATE);
            Files.writeString(dir.resolve("reference.csv"), "amplitude\n1.0\n1.2\n0.9\n1.1\n");
            Files.writeString(dir.resolve("sim.sh"), "#!/bin/sh\necho amplitude > events.csv\n");
            var file = dir.resolve("campaign.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
